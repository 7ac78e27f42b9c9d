package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.analysis.Sensitivity;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Split;
import mcs.runtime.distill.Distillation;
import mcs.runtime.distill.DistillationLoss;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.transform.BatchNormFolding;
import mcs.runtime.transform.LowRank;
import mcs.runtime.transform.MixedPrecision;
import mcs.runtime.train.TrainConfig;

/**
 * Compression methods besides pruning: batch-norm folding, low-rank factorisation, fp16/bf16
 * storage, knowledge distillation, per-layer sensitivity; and {@code subset} for quick runs.
 */
final class MethodBuiltins {

    private MethodBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("fold_bn", Group.TRANSFORMS, "Folds batch normalisation into the conv or "
                        + "dense layer before it.")
                .param(Param.required("model", Type.MODEL, "the model"))
                .note("w' = w gamma / sqrt(var + eps), b' = (b - mean) gamma / sqrt(var + eps) "
                        + "+ beta, per channel;")
                .note("inference outputs stay the same. Only a top-level batchnorm right after a")
                .note("conv/dense without activation folds; others are kept, with a notice.")
                .returns(Type.MODEL), MethodBuiltins::foldBn);
        b.add(define("lowrank", Group.TRANSFORMS, "Factorises dense and conv layers by truncated "
                        + "SVD into two thinner layers.")
                .param(Param.required("model", Type.MODEL, "the model"))
                .param(Param.optional("rank", Type.INTEGER, "a fixed rank (else chosen by energy)")
                        .range(Range.atLeast(1)))
                .param(Param.optional("energy", Type.NUMBER, Num.of(0.9), "keep the smallest "
                        + "rank with this share of sum s^2").range(new Range(0.0, false, 1.0,
                        true)))
                .param(Param.optional("layers", Type.LIST, "names of the layers, e.g. "
                        + "[\"dense1\"]; default: all"))
                .note("dense(out) -> dense(r) + dense(out, act); conv(out, k) -> conv(r, k) + "
                        + "conv(out, 1, act).")
                .note("A layer is factorised only where that reduces its parameters.")
                .returns(Type.MODEL), MethodBuiltins::lowrank);
        b.add(define("precision", Group.TRANSFORMS, "Stores every float tensor as fp16 or bf16 "
                        + "(mixed precision).")
                .param(Param.required("model", Type.MODEL, "the model"))
                .param(Param.required("format", Type.SYMBOL, "the storage format")
                        .oneOf("fp16", "bf16", "fp32"))
                .note("Forward passes compute in fp32 from the rounded values (ND4J's CPU "
                        + "backend has no fp16")
                .note("arithmetic); finetune keeps fp32 master weights and rounds them at the "
                        + "end.")
                .note("Quantised tensors are left on their integer grid.")
                .returns(Type.MODEL), MethodBuiltins::precision);
        registerDistill(b);
        registerSensitivity(b);
        b.add(define("subset", Group.DATA, "The first samples of a dataset's splits, for quick "
                        + "experiments.")
                .param(Param.required("data", Type.DATASET, "the dataset"))
                .param(Param.optional("train", Type.INTEGER, "training samples kept (default all)")
                        .range(Range.atLeast(1)))
                .param(Param.optional("test", Type.INTEGER, "test samples kept (default all)")
                        .range(Range.atLeast(1)))
                .returns(Type.DATASET), MethodBuiltins::subset);
    }

    private static void registerDistill(Builtins.Builder b) {
        b.add(TrainingBuiltins.settings(define("distill", Group.TRAINING, "Trains a student to match a teacher's softened "
                        + "outputs (knowledge distillation).")
                .param(Param.required("student", Type.MODEL, "the model to train"))
                .param(Param.required("teacher", Type.MODEL, "the trained model to learn from"))
                .param(Param.required("data", Type.DATASET, "the dataset; its train split is used"))
                .param(Param.optional("temperature", Type.NUMBER, Num.of(4), "T: softens both "
                        + "softmaxes").range(new Range(0.0, false, 1000.0, true)))
                .param(Param.optional("alpha", Type.NUMBER, Num.of(0.9), "weight of the "
                        + "distillation term").range(Range.closed(0, 1000))))
                .note("loss = CE(y, s) + alpha T^2 KL(softmax(t/T) || softmax(s/T)); s, t: "
                        + "student and teacher logits.")
                .note("The teacher runs in inference mode.")
                .returns(Type.MODEL), MethodBuiltins::distill);
    }

    private static void registerSensitivity(Builtins.Builder b) {
        b.add(define("sensitivity", Group.METRICS, "Accuracy when one layer at a time is pruned "
                        + "or quantised.")
                .param(Param.required("model", Type.MODEL, "the model"))
                .param(Param.required("data", Type.DATA, "split (or dataset: its test split)"))
                .param(Param.symbol("method", "prune", "magnitude pruning or per-channel weight "
                        + "quantisation", "prune", "quantize"))
                .param(Param.optional("sparsity", Type.ANY, Num.of(0.5), "a sparsity, or a list "
                        + "of them (method=prune)"))
                .param(Param.optional("bits", Type.INTEGER, Num.of(8), "4 or 8 (method=quantize)")
                        .range(Range.closed(4, 8)))
                .param(Param.optional("limit", Type.INTEGER, "evaluate on the first samples "
                        + "only").range(Range.atLeast(1)))
                .note("One row per dense/conv layer: its kernel size, the accuracy and the drop "
                        + "from the")
                .note("unchanged model's accuracy (given in a notice) at each level.")
                .returns(Type.TABLE), MethodBuiltins::sensitivity);
    }

    private static Value foldBn(Args a, CallContext c) {
        Model m = a.model("model");
        BatchNormFolding.Result r = BatchNormFolding.fold(m);
        if (r.folded().isEmpty() && r.kept().isEmpty()) {
            c.notice("fold_bn: " + m.name() + " has no batch normalisation");
        }
        if (!r.folded().isEmpty()) {
            c.notice("fold_bn: folded " + String.join(", ", r.folded())
                    + " into the layers before them");
        }
        for (String k : r.kept()) {
            c.notice("fold_bn: kept " + k);
        }
        return new ModelValue(r.model());
    }

    private static Value lowrank(Args a, CallContext c) {
        if (a.present("rank") && a.given("energy")) {
            throw a.error("energy", "give rank or energy, not both");
        }
        List<String> layers = new ArrayList<>();
        if (a.present("layers")) {
            for (Value v : a.list("layers").elements()) {
                if (v instanceof Str s) {
                    layers.add(s.value());
                } else if (v instanceof Sym s) {
                    layers.add(s.name());
                } else {
                    throw a.error("layers", "layers must be layer names such as \"dense1\", got "
                            + v.show());
                }
            }
        }
        int rank = a.present("rank") ? a.integer("rank") : 0;
        LowRank.Result r = LowRank.factorise(a.model("model"),
                new LowRank.Options(rank, a.num("energy"), layers, true), c.cancel());
        for (LowRank.Factor f : r.factors()) {
            c.notice("lowrank: " + f.describe());
        }
        return new ModelValue(r.model());
    }

    private static Value precision(Args a, CallContext c) {
        Precision p = Precision.valueOf(a.symbol("format").toUpperCase(Locale.ROOT));
        MixedPrecision.Result r = MixedPrecision.apply(a.model("model"), p);
        if (r.quantised() > 0) {
            c.notice("precision: " + r.quantised() + " quantised tensor"
                    + (r.quantised() == 1 ? " keeps its" : "s keep their") + " integer grid");
        }
        return new ModelValue(r.model());
    }

    private static Value distill(Args a, CallContext c) {
        TrainConfig config = TrainingBuiltins.config(a);
        DistillationLoss loss = new DistillationLoss(a.num("temperature"), a.num("alpha"));
        return new ModelValue(Distillation.distill(a.model("student"), a.model("teacher"),
                a.dataset("data").dataset(), config, loss, c.progress(), c.cancel()));
    }

    private static Value subset(Args a, CallContext c) {
        Dataset d = a.dataset("data").dataset();
        Split train = a.present("train") ? d.train().head(a.integer("train")) : d.train();
        Split test = a.present("test") ? d.test().head(a.integer("test")) : d.test();
        return new DatasetValue(new Dataset(d.name(), train, test));
    }

    private static Value sensitivity(Args a, CallContext c) {
        SplitValue data = MetricBuiltins.split(a.value("data"));
        Split split = a.present("limit") ? data.split().head(a.integer("limit")) : data.split();
        Model m = a.model("model");
        boolean prune = a.symbol("method").equals("prune");
        if (!prune && a.given("sparsity") || prune && a.given("bits")) {
            String p = prune ? "bits" : "sparsity";
            throw a.error(p, p + " only applies to method=" + (prune ? "quantize" : "prune"));
        }
        Sensitivity.Result r;
        List<String> labels = new ArrayList<>();
        if (prune) {
            List<Double> levels = levels(a);
            r = Sensitivity.pruning(m, split, levels, c.cancel());
            levels.forEach(l -> labels.add(Num.format(l)));
        } else {
            if (a.integer("bits") != 4 && a.integer("bits") != 8) {
                throw a.error("bits", "bits must be 4 or 8, got " + a.integer("bits"));
            }
            r = Sensitivity.quantization(m, split, a.integer("bits"), c.cancel());
            labels.add("int" + a.integer("bits"));
        }
        c.notice(String.format(Locale.ROOT, "sensitivity: %s scores %.2f%% unchanged on %s "
                + "(%,d samples)", m.name(), r.baseline() * 100, data.label(), split.size()));
        return table(r, labels);
    }

    private static List<Double> levels(Args a) {
        Value v = a.value("sparsity");
        List<Value> items = v instanceof mcs.interpreter.value.ListValue l ? l.elements()
                : List.of(v);
        List<Double> levels = new ArrayList<>();
        for (Value item : items) {
            if (!(item instanceof Num n) || !(n.value() >= 0 && n.value() < 1)) {
                throw a.error("sparsity", "sparsity must be a number in [0, 1) or a list of "
                        + "them, got " + item.show());
            }
            levels.add(n.value());
        }
        if (levels.isEmpty()) {
            throw a.error("sparsity", "give at least one sparsity");
        }
        return levels;
    }

    private static TableValue table(Sensitivity.Result r, List<String> labels) {
        boolean one = labels.size() == 1;
        List<Column> columns = new ArrayList<>(List.of(new Column("layer", false),
                new Column("params", true)));
        for (String l : labels) {
            columns.add(new Column(one ? "accuracy" : "accuracy@" + l, true));
            columns.add(new Column(one ? "drop" : "drop@" + l, true));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Sensitivity.Row row : r.rows()) {
            List<Cell> cells = new ArrayList<>(List.of(Cell.text(row.layer()),
                    Tables.count(row.params())));
            for (double acc : row.accuracies()) {
                cells.add(Tables.percent(acc));
                cells.add(Tables.percent(r.baseline() - acc));
            }
            rows.add(cells);
        }
        return new TableValue(columns, rows);
    }
}
