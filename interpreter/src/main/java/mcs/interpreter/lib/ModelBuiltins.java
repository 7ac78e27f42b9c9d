package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.ArrayList;
import java.util.List;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;

/** The reference models and {@code sequential}. */
final class ModelBuiltins {

    private static final Param SEED = Param.optional("seed", Type.INTEGER, Num.of(0),
            "random seed for the initial weights");

    private ModelBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("lenet5", Group.MODELS, "LeNet-5 as in Caffe and Deep Compression (431,080 "
                        + "params).")
                .note("conv 20@5x5, maxpool 2, conv 50@5x5, maxpool 2, dense 500 relu, "
                        + "dense 10, on 28x28x1 input.")
                .param(SEED).returns(Type.MODEL),
                (a, c) -> new ModelValue(ReferenceModels.lenet5(a.longValue("seed"))));
        b.add(define("lenet300", Group.MODELS,
                        "LeNet-300-100: dense 300, 100, 10 (266,610 params).")
                .param(SEED).returns(Type.MODEL),
                (a, c) -> new ModelValue(ReferenceModels.lenet300(a.longValue("seed"))));
        b.add(define("mlp", Group.MODELS, "A perceptron on 28x28 images: hidden relu layers, "
                        + "a linear output.")
                .param(Param.required("sizes", Type.INTEGER_LIST, "units of each hidden layer, "
                        + "e.g. [300, 100]"))
                .param(Param.optional("classes", Type.INTEGER, Num.of(10), "output classes")
                        .range(mcs.interpreter.builtin.Range.atLeast(1)))
                .param(SEED).returns(Type.MODEL), ModelBuiltins::mlp);
        b.add(define("sequential", Group.MODELS, "A model from layers applied in order.")
                .note("e.g. sequential(flatten(), dense(100, act=relu), dense(10), "
                        + "input=[28, 28, 1])")
                .param(Param.variadic("layers", Type.LAYER, "the layers, in order"))
                .param(Param.optional("input", Type.INTEGER_LIST, ListValue.of(Num.of(28),
                        Num.of(28), Num.of(1)), "shape of one sample: [height, width, channels] "
                        + "or [features]"))
                .param(SEED)
                .param(Param.optional("name", Type.STRING, new Str("sequential"),
                        "the model's name"))
                .returns(Type.MODEL), ModelBuiltins::sequential);
    }

    private static Value mlp(Args a, CallContext c) {
        List<Integer> sizes = new ArrayList<>();
        for (Value v : a.list("sizes").elements()) {
            double n = ((Num) v).value();
            if (n < 1 || n > 1_000_000) {
                throw a.error("sizes", "layer sizes must be in [1, 1000000], got " + Num.format(n));
            }
            sizes.add((int) n);
        }
        return new ModelValue(ReferenceModels.mlp("mlp", sizes, a.integer("classes"),
                a.longValue("seed")));
    }

    private static Value sequential(Args a, CallContext c) {
        List<Value> layers = a.values("layers");
        if (layers.isEmpty()) {
            throw c.error("give at least one layer, e.g. sequential(flatten(), dense(10))");
        }
        List<LayerSpec> specs = new ArrayList<>();
        for (Value v : layers) {
            specs.add(((LayerValue) v).spec());
        }
        Shape input = shape(a, "input");
        return new ModelValue(Model.sequential(a.str("name"), input, specs, a.longValue("seed")));
    }

    /** Keras-style {@code [h, w, c]} or {@code [n]} to the runtime's channels-first shape. */
    static Shape shape(Args a, String param) {
        List<Value> dims = a.list(param).elements();
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            double n = ((Num) dims.get(i)).value();
            if (n < 1 || n > 1_000_000) {
                throw a.error(param, param + " sizes must be in [1, 1000000], got "
                        + Num.format(n));
            }
            d[i] = (int) n;
        }
        if (d.length == 3) {
            return Shape.image(d[2], d[0], d[1]);
        }
        if (d.length == 1) {
            return Shape.of(d[0]);
        }
        throw a.error(param, param + " must be [height, width, channels] or [features], got "
                + a.list(param).show());
    }
}
