package mcs.interpreter.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.Split;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;
import mcs.runtime.train.Evaluator;
import mcs.runtime.train.Latency;
import mcs.runtime.train.ProgressListener;

/**
 * Runs one sweep point where a task runs (the driver's JVM when embedded, an executor's on a
 * cluster): decodes the base model, gets the data, applies the point's recipe in a fresh
 * session, exactly as a script would, and measures the result.
 */
public final class PointRunner {

    private static final int BYTES_PER_PARAM = 4;
    /** Data by {@link DataRef}: loaded once per JVM, or offered by a driver in the same JVM. */
    private static final Map<DataRef, Dataset> DATA = new ConcurrentHashMap<>();

    private PointRunner() {
    }

    /** Makes {@code data} what tasks in this JVM use for {@code ref} instead of loading it. */
    public static void offer(DataRef ref, Dataset data) {
        DATA.put(ref, data);
    }

    /**
     * The point's result, or a failed result for an error in its recipe (a user error, which
     * would fail again). Anything else is thrown, for the engine to retry.
     */
    public static PointResult run(SweepJob job, SweepPoint point, Cancellation cancel) {
        long start = System.nanoTime();
        Dataset data = DATA.computeIfAbsent(job.data(), PointRunner::load);
        DataRef ref = job.data();
        Split train = ref.training(data);
        Split val = ref.validation(data);
        Model base = McsFile.decode(job.base(), "base");
        Model model = base;
        if (!point.isBase()) {
            Session session = new Session(Output.of(s -> { }, s -> { }, ProgressListener.NONE));
            session.restore(Map.of("base", new ModelValue(base),
                    "data", new DatasetValue(new Dataset(data.name(), train, data.test()))));
            Result r = session.executeScript(new SourceText("point " + point.index(),
                    "result = base | " + point.recipe()), cancel);
            if (r.status() == Result.Status.INTERRUPTED) {
                cancel.check();
            }
            if (r.status() == Result.Status.INTERNAL_ERROR) {
                throw new IllegalStateException(firstLine(r.errorText()));
            }
            if (!r.isOk()) {
                return PointResult.failed(point, message(r.errorText()), seconds(start));
            }
            Value v = session.variables().get("result");
            if (!(v instanceof ModelValue m)) {
                return PointResult.failed(point, "the recipe gave a " + v.typeName()
                        + ", not a model", seconds(start));
            }
            model = m.model();
        }
        double valAccuracy = ref.val() > 0 ? Evaluator.accuracy(model, val, cancel) : Double.NaN;
        double accuracy = Evaluator.accuracy(model, data.test(), cancel);
        byte[] mcz = McsFile.encode(model);
        double latency = Latency.millis(List.of(model), 1, cancel)[0];
        double ratio = (double) base.paramCount() * BYTES_PER_PARAM / mcz.length;
        return new PointResult(point, null, valAccuracy, accuracy, mcz.length, ratio,
                model.nonzeros(), latency, seconds(start), mcz);
    }

    private static Dataset load(DataRef ref) {
        Dataset full = Datasets.system(s -> { })
                .load(ref.name(), ref.dir() == null ? null : Path.of(ref.dir()));
        return new Dataset(full.name(), full.train().head(ref.train()),
                full.test().head(ref.test()));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** A rendered diagnostic without its file position and source excerpt. */
    static String message(String errorText) {
        String line = firstLine(errorText);
        int at = line.indexOf("error: ");
        return at >= 0 ? line.substring(at + "error: ".length()) : line;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl >= 0 ? t.substring(0, nl) : t;
    }
}
