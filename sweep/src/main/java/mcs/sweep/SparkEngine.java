package mcs.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import mcs.interpreter.sweep.Engines;
import mcs.interpreter.sweep.PointResult;
import mcs.interpreter.sweep.PointRunner;
import mcs.interpreter.sweep.SweepEngine;
import mcs.interpreter.sweep.SweepJob;
import mcs.interpreter.sweep.SweepPoint;
import mcs.runtime.Cancellation;
import mcs.runtime.CancelledException;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Sweep points as Spark jobs of one task each, so that a point that fails (twice: Spark retries
 * it, on another executor if it can) fails alone while the others go on. The base model and
 * the data's description go to executors once, as a broadcast; results come back as they
 * finish. Embedded it is {@code local[slots]} in this JVM, which also lends its data to the
 * tasks; on a standalone cluster executors run on mcs's class path and load the data by name.
 */
public final class SparkEngine implements SweepEngine {

    /** Attempts per point: Spark's first try and one retry. */
    static final int ATTEMPTS = 2;
    private static final long POLL_MILLIS = 50;
    private static final long CANCEL_WAIT_MILLIS = 10_000;
    private static final int MAX_ERROR = 300;

    private final JavaSparkContext sc;
    private final String master;
    private final int slots;

    public SparkEngine(String master, int slots) {
        boolean local = master == null;
        this.master = local ? "local[" + slots + "," + ATTEMPTS + "]" : master;
        SparkConf conf = new SparkConf()
                .setAppName("mcs sweep")
                .setMaster(this.master)
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.task.maxFailures", String.valueOf(ATTEMPTS))
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (local) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setIfMissing("spark.executor.extraClassPath", Engines.executorClassPath())
                    .setIfMissing("spark.executor.extraJavaOptions",
                            "-Xss16m -Dorg.bytedeco.javacpp.maxbytes=4g")
                    .setIfMissing("spark.executor.memory", "2g");
        }
        this.sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        this.slots = local ? slots : Math.max(1, sc.defaultParallelism());
    }

    @Override
    public String describe() {
        return "Spark " + sc.version() + ", " + master;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void run(SweepJob job, List<SweepPoint> points, Consumer<PointResult> done,
                    Cancellation cancel) {
        // Spark finds its codecs and serializers through the context class loader, and this
        // class's loader is the one that holds Spark when the launcher loaded it on demand
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SparkEngine.class.getClassLoader());
        try {
            runJobs(job, points, done, cancel);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void runJobs(SweepJob job, List<SweepPoint> points, Consumer<PointResult> done,
                         Cancellation cancel) {
        Broadcast<SweepJob> shared = sc.broadcast(job);
        String group = "mcs-sweep-" + UUID.randomUUID();
        sc.setJobGroup(group, "mcs sweep of " + points.size() + " points", true);
        Map<SweepPoint, JavaFutureAction<List<PointResult>>> running = new LinkedHashMap<>();
        try {
            for (SweepPoint p : points) {
                running.put(p, sc.parallelize(List.of(p), 1).map(task(shared))
                        .collectAsync());
            }
            while (!running.isEmpty()) {
                if (cancel.isCancelled()) {
                    sc.cancelJobGroup(group);
                    awaitAll(new ArrayList<>(running.values()));
                    throw new CancelledException();
                }
                boolean any = false;
                for (var it = running.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getValue().isDone()) {
                        it.remove();
                        done.accept(result(e.getKey(), e.getValue()));
                        any = true;
                    }
                }
                if (!any) {
                    sleep();
                }
            }
        } finally {
            sc.clearJobGroup();
            shared.destroy();
        }
    }

    /** What an executor does with a point: runs it, stopping when Spark kills the task. */
    private static org.apache.spark.api.java.function.Function<SweepPoint, PointResult> task(
            Broadcast<SweepJob> shared) {
        return p -> {
            TaskContext task = TaskContext.get();
            return PointRunner.run(shared.value(), p,
                    () -> task != null && task.isInterrupted());
        };
    }

    /** The result a finished job brought back, or a failed result with its error. */
    private static PointResult result(SweepPoint p, JavaFutureAction<List<PointResult>> f) {
        try {
            return f.get().get(0);
        } catch (ExecutionException e) {
            return PointResult.failed(p, error(e.getCause() != null ? e.getCause() : e),
                    Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /** Spark's message for a failed job, its first line, kept short. */
    static String error(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String line = m.strip().lines().findFirst().orElse("");
        return line.length() > MAX_ERROR ? line.substring(0, MAX_ERROR) + "..." : line;
    }

    private static void awaitAll(List<JavaFutureAction<List<PointResult>>> futures) {
        long deadline = System.nanoTime() + CANCEL_WAIT_MILLIS * 1_000_000;
        for (JavaFutureAction<List<PointResult>> f : futures) {
            while (!f.isDone() && System.nanoTime() < deadline) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    @Override
    public void close() {
        sc.stop();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SparkEngine[%s, %d slots]", master, slots);
    }
}
