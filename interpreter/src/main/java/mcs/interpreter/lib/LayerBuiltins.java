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
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;

/** Layer constructors for {@code sequential(..)}: conv, dense, pooling, activations, blocks. */
final class LayerBuiltins {

    private static final String[] ACTIVATIONS = {"linear", "relu", "tanh", "sigmoid", "softmax"};
    private static final Range POSITIVE = Range.atLeast(1);

    private LayerBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("conv", Group.LAYERS, "A 2-D convolution with square kernels (Keras Conv2D).")
                .param(Param.required("filters", Type.INTEGER, "output channels").range(POSITIVE))
                .param(Param.required("kernel", Type.INTEGER, "kernel size (kernel x kernel)")
                        .range(POSITIVE))
                .param(Param.optional("stride", Type.INTEGER, Num.of(1), "step between windows")
                        .range(POSITIVE))
                .param(Param.symbol("padding", "valid", "same: output size = input size / stride",
                        "valid", "same"))
                .param(act())
                .returns(Type.LAYER), LayerBuiltins::conv);
        b.add(define("dense", Group.LAYERS, "A fully connected layer: act(x W + b).")
                .param(Param.required("units", Type.INTEGER, "output features").range(POSITIVE))
                .param(act())
                .returns(Type.LAYER), (a, c) -> LayerValue.of(new LayerSpec.Dense(
                        a.integer("units"), activation(a.symbol("act")))));
        pool(b, "maxpool", true);
        pool(b, "avgpool", false);
        b.add(define("flatten", Group.LAYERS, "Reshapes an image to a vector.")
                .returns(Type.LAYER), (a, c) -> LayerValue.of(new LayerSpec.Flatten()));
        b.add(define("batchnorm", Group.LAYERS, "Batch normalisation over channels or features.")
                .param(Param.optional("epsilon", Type.NUMBER, Num.of(1e-3),
                        "added to the variance").range(Range.above(0)))
                .param(Param.optional("momentum", Type.NUMBER, Num.of(0.99),
                        "moving-average momentum").range(Range.closedOpen(0, 1)))
                .returns(Type.LAYER), (a, c) -> LayerValue.of(new LayerSpec.BatchNorm(
                        a.num("epsilon"), a.num("momentum"))));
        b.add(define("dropout", Group.LAYERS, "Zeroes a fraction of activations while training.")
                .param(Param.required("rate", Type.NUMBER, "fraction dropped")
                        .range(Range.closedOpen(0, 1)))
                .returns(Type.LAYER),
                (a, c) -> LayerValue.of(new LayerSpec.Dropout(a.num("rate"))));
        b.add(define("activation", Group.LAYERS, "An activation function as a layer of its own.")
                .param(Param.required("fn", Type.SYMBOL, "the function").oneOf(ACTIVATIONS))
                .returns(Type.LAYER), (a, c) -> LayerValue.of(new LayerSpec.Act(
                        activation(a.symbol("fn")))));
        for (String fn : List.of("relu", "tanh", "sigmoid", "softmax")) {
            Activation act = activation(fn);
            b.add(define(fn, Group.LAYERS, "The " + fn + " activation as a layer; same as "
                            + "activation(" + fn + ").").returns(Type.LAYER),
                    (a, c) -> LayerValue.of(new LayerSpec.Act(act)));
        }
        b.add(define("residual", Group.LAYERS, "A residual block: x + layers(x); the layers must "
                        + "keep the shape.")
                .param(Param.variadic("layers", Type.LAYER, "the block's layers, in order"))
                .returns(Type.LAYER), LayerBuiltins::residual);
    }

    private static Param act() {
        return Param.symbol("act", "linear", "activation applied to the output", ACTIVATIONS);
    }

    private static void pool(Builtins.Builder b, String name, boolean max) {
        b.add(define(name, Group.LAYERS, (max ? "Max" : "Average") + " pooling over square "
                        + "windows, without padding.")
                .param(Param.optional("size", Type.INTEGER, Num.of(2), "window size (size x size)")
                        .range(POSITIVE))
                .param(Param.optional("stride", Type.INTEGER, Nil.NIL, "step between windows")
                        .range(POSITIVE).shownDefault("size"))
                .returns(Type.LAYER), (a, c) -> {
                    int size = a.integer("size");
                    int stride = a.present("stride") ? a.integer("stride") : size;
                    return LayerValue.of(new LayerSpec.Pool(max, size, stride));
                });
    }

    private static Value conv(Args a, CallContext c) {
        Padding padding = Padding.valueOf(a.symbol("padding").toUpperCase(Locale.ROOT));
        return LayerValue.of(new LayerSpec.Conv2D(a.integer("filters"), a.integer("kernel"),
                a.integer("stride"), padding, activation(a.symbol("act"))));
    }

    private static Value residual(Args a, CallContext c) {
        List<LayerSpec> body = new ArrayList<>();
        for (Value v : a.values("layers")) {
            body.add(((LayerValue) v).spec());
        }
        if (body.isEmpty()) {
            throw c.error("give the block's layers, e.g. "
                    + "residual(conv(8, 3, padding=same), relu())");
        }
        return LayerValue.of(new LayerSpec.Residual(body));
    }

    static Activation activation(String symbol) {
        return Activation.valueOf(symbol.toUpperCase(Locale.ROOT));
    }
}
