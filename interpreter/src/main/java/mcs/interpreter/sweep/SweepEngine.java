package mcs.interpreter.sweep;

import java.util.List;
import java.util.function.Consumer;
import mcs.runtime.Cancellation;

/** Runs the points of a sweep as independent tasks, somewhere. */
public interface SweepEngine extends AutoCloseable {

    /**
     * Runs {@code points} and hands each result to {@code done} on the calling thread as it
     * arrives; returns when all have (a task that failed twice gives a failed result). When
     * {@code cancel} answers true the running tasks are cancelled and this throws
     * {@link mcs.runtime.CancelledException}; results already handed over stay handed over.
     */
    void run(SweepJob job, List<SweepPoint> points, Consumer<PointResult> done,
             Cancellation cancel);

    /** e.g. {@code Spark 4.2.0, local[1]}. */
    String describe();

    /** Tasks that run at once. */
    int slots();

    /** Stops the engine (a Spark context: its executors too). */
    @Override
    void close();
}
