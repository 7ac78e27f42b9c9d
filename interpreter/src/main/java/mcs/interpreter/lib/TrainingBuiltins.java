package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;

/** {@code train} and {@code finetune}: the same engine, labelled differently in progress. */
final class TrainingBuiltins {

    private TrainingBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(spec("train", "Trains a model on a dataset's train split; returns the trained copy.",
                "model to train").returns(Type.MODEL), (a, c) -> fit(a, c, "train"));
        b.add(spec("finetune", "Trains further after prune(..), ramping its "
                        + "schedule's masks.", "model to fine-tune")
                .note("Masks already on the model are kept; a schedule's end defaults to the "
                        + "last step of this run.")
                .returns(Type.MODEL), (a, c) -> fit(a, c, "finetune"));
    }

    private static BuiltinSpec.Builder spec(String name, String doc, String modelDoc) {
        return settings(define(name, Group.TRAINING, doc)
                .param(Param.required("model", Type.MODEL, modelDoc))
                .param(data()));
    }

    /** The training settings shared by every builtin that trains: epochs, batch, lr, ... */
    static BuiltinSpec.Builder settings(BuiltinSpec.Builder spec) {
        return spec.param(Param.optional("epochs", Type.INTEGER, Num.of(1), "passes over the data")
                        .range(Range.closed(1, 100_000)))
                .param(Param.optional("batch", Type.INTEGER, Num.of(128), "samples per step")
                        .range(Range.closed(1, TrainConfig.MAX_BATCH)))
                .param(Param.optional("lr", Type.NUMBER, Num.of(1e-3), "learning rate")
                        .range(new Range(0.0, false, 10.0, false)))
                .param(Param.symbol("optimizer", "adam", "adam (beta1 0.9, beta2 0.999) or sgd "
                        + "(momentum 0.9)", "adam", "sgd"))
                .param(Param.optional("seed", Type.INTEGER, Num.of(0), "seed for the data order "
                        + "(and dropout)"));
    }

    /** The settings given to {@link #settings} as a training configuration. */
    static TrainConfig config(Args a) {
        return new TrainConfig(a.integer("epochs"), a.integer("batch"), a.num("lr"),
                Optimizer.valueOf(a.symbol("optimizer").toUpperCase(Locale.ROOT)),
                a.longValue("seed"));
    }

    private static Param data() {
        return Param.required("data", Type.DATASET, "the dataset; its train split is used")
                .hint("pass the dataset itself (e.g. fmnist, not fmnist.train): training uses "
                        + "its train split, and report(..) later evaluates on its test split");
    }

    private static Value fit(Args a, CallContext c, String task) {
        return new ModelValue(Trainer.fit(a.model("model"), a.dataset("data").dataset(), config(a),
                task, c.progress(), c.cancel()));
    }
}
