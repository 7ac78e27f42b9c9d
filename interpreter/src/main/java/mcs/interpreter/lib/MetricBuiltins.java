package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.List;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Model;
import mcs.runtime.onnx.export.OnnxRuntimeLatency;
import mcs.runtime.train.Evaluator;
import mcs.runtime.train.Latency;
import mcs.runtime.train.TrainConfig;

/** Measuring models: accuracy, sizes, sparsity, per-layer summaries and comparisons. */
final class MetricBuiltins {

    private MetricBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("accuracy", Group.METRICS, "Top-1 accuracy of a model on a split, in [0, 1].")
                .param(model("the model to evaluate"))
                .param(data())
                .returns(Type.NUMBER), (a, c) -> Num.of(accuracy(a, c)));
        b.add(define("evaluate", Group.METRICS, "A one-row table: data, samples, accuracy.")
                .param(model("the model to evaluate"))
                .param(data())
                .returns(Type.TABLE), MetricBuiltins::evaluate);
        b.add(define("params", Group.METRICS, "Number of parameters (all tensors, as Keras "
                        + "counts them).")
                .param(model("the model")).returns(Type.NUMBER),
                (a, c) -> Num.of(a.model("model").paramCount()));
        b.add(define("nonzeros", Group.METRICS, "Number of parameters that are not zero.")
                .param(model("the model")).returns(Type.NUMBER),
                (a, c) -> Num.of(a.model("model").nonzeros()));
        b.add(define("sparsity", Group.METRICS, "Fraction of zeros in the Dense and Conv "
                        + "kernels (biases excluded).")
                .param(model("the model")).returns(Type.NUMBER),
                (a, c) -> Num.of(a.model("model").sparsity()));
        b.add(define("summary", Group.METRICS, "A table of the layers: output shapes, params, "
                        + "non-zeros, bytes.")
                .note("bytes = what the layer's tensors take in the model's .mcz file.")
                .param(model("the model")).returns(Type.TABLE),
                (a, c) -> Tables.summary(a.model("model")));
        b.add(define("report", Group.METRICS, "Compares models: accuracy, size, sparsity, "
                        + "ratio, latency.")
                .param(Param.variadic("models", Type.ANY, "the models, the reference first; or "
                        + "a list of records"))
                .param(Param.optional("data", Type.DATA, "split (or dataset: its test split)"))
                .note("data defaults to the test split of the data the first model was "
                        + "trained on.")
                .note("Rows are named after the variables given: report(base, small).")
                .note("Or one list of records, each with a model field: a row per record, named")
                .note("  by its name field (else the model's), its other number, string and")
                .note("  boolean fields as further columns, e.g. sparsity_target.")
                .note("bytes = size of the model's .mcz file (what save writes);")
                .note("ratio = the first model's dense fp32 bytes (4 per parameter) / bytes.")
                .param(runtime())
                .param(batch())
                .note("ms/sample = median forward pass at batch 1 (ms/batch of N with batch=N);")
                .note("  all models are warmed up first (at least 400 ms), then timed one pass")
                .note("  each in a shuffled order per round, so their figures compare.")
                .note("runtime=onnxruntime times each model's ONNX export (int8 QDQ when it is")
                .note("  quantised) in ONNX Runtime instead of mcs's own forward pass.")
                .returns(Type.TABLE), Tables::report);
        b.add(define("latency", Group.METRICS, "Median milliseconds of one forward pass of a "
                        + "batch.")
                .param(model("the model to time"))
                .param(batch())
                .param(runtime())
                .note("Warmed up for at least 400 ms, then the median of many timed passes.")
                .note("runtime=onnxruntime exports the model to ONNX (int8 QDQ when its weights")
                .note("  or activations are quantised, else float32) and times ONNX Runtime.")
                .returns(Type.NUMBER),
                (a, c) -> Num.of(latencies(List.of(a.model("model")), a, c)[0]));
    }

    private static Param runtime() {
        return Param.symbol("runtime", "mcs", "mcs's own forward pass, or the ONNX export in "
                + "ONNX Runtime", "mcs", "onnxruntime");
    }

    private static Param batch() {
        return Param.optional("batch", Type.INTEGER, Num.of(1), "samples per timed pass")
                .range(Range.closed(1, TrainConfig.MAX_BATCH));
    }

    /** The latencies of {@code models} at the {@code batch=} and {@code runtime=} given. */
    static double[] latencies(List<Model> models, Args a, CallContext c) {
        int batch = a.integer("batch");
        return onnxRuntime(a) ? OnnxRuntimeLatency.millis(models, batch, c.cancel())
                : Latency.millis(models, batch, c.cancel());
    }

    /** The header of the latency column for the {@code batch=} and {@code runtime=} given. */
    static String latencyColumn(Args a) {
        int batch = a.integer("batch");
        return (batch == 1 ? "ms/sample" : "ms/batch of " + batch)
                + (onnxRuntime(a) ? " (onnxruntime)" : "");
    }

    private static boolean onnxRuntime(Args a) {
        return a.symbol("runtime").equals("onnxruntime");
    }

    private static Param model(String doc) {
        return Param.required("model", Type.MODEL, doc);
    }

    private static Param data() {
        return Param.required("data", Type.DATA, "a split such as fmnist.test, or a dataset "
                + "(meaning its test split)");
    }

    /** A split argument, or a dataset's test split. */
    static SplitValue split(Value v) {
        return v instanceof DatasetValue d ? d.test() : (SplitValue) v;
    }

    private static double accuracy(Args a, CallContext c) {
        return Evaluator.accuracy(a.model("model"), split(a.value("data")).split(), c.cancel());
    }

    private static Value evaluate(Args a, CallContext c) {
        SplitValue split = split(a.value("data"));
        double acc = Evaluator.accuracy(a.model("model"), split.split(), c.cancel());
        String name = a.label("model") != null ? a.label("model") : a.model("model").name();
        return new TableValue(List.of(new Column("model", false), new Column("data", false),
                new Column("samples", true), new Column("accuracy", true)),
                List.of(List.of(Cell.text(name), Cell.text(split.label()),
                        Tables.count(split.split().size()), Tables.percent(acc))));
    }
}
