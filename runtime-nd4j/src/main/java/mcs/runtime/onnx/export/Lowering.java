package mcs.runtime.onnx.export;

import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Window;
import mcs.runtime.onnx.export.OnnxGraph.FloatAttribute;
import mcs.runtime.onnx.export.OnnxGraph.IntAttribute;
import mcs.runtime.onnx.export.OnnxGraph.IntsAttribute;
import mcs.runtime.quant.QuantSpec;

/**
 * Turns a model's layers into ONNX nodes, layer by layer, in execution order. Values are named
 * {@code <layer>/<Op>}; parameters keep their tensor names ({@code conv1.kernel}). A final
 * softmax is left out, as mcs leaves it to the loss: the graph output is the logits.
 *
 * <p>In QDQ mode the parameters come from {@link QdqParams}, and the output of every layer with
 * an activation spec (and the input, under {@link Model#INPUT}) passes through a
 * QuantizeLinear / DequantizeLinear pair.
 */
final class Lowering {

    /** A value in the graph and the integer grid it lies on (null when it is plain float). */
    record Flow(String name, QuantSpec grid) { }

    static final String INPUT = "input";
    static final String OUTPUT = "logits";

    private final Model model;
    private final OnnxGraph g;
    private final QdqParams params;

    private Lowering(Model model, boolean qdq) {
        this.model = model;
        this.g = new OnnxGraph(model.name());
        this.params = new QdqParams(model, g, qdq);
    }

    /** The ONNX graph of {@code model}, float or with QDQ quantisation. */
    static OnnxGraph lower(Model model, boolean qdq) {
        return new Lowering(model, qdq).run(qdq);
    }

    private OnnxGraph run(boolean qdq) {
        g.input(INPUT, model.input().dims());
        Flow x = new Flow(INPUT, null);
        if (qdq) {
            x = activationGrid(x, Model.INPUT);
        }
        List<Layer> top = model.layers();
        for (int i = 0; i < top.size(); i++) {
            x = layer(top.get(i), x, i == top.size() - 1);
        }
        g.output(x.name(), OUTPUT, model.output().dims());
        return g;
    }

    private Flow layer(Layer l, Flow x, boolean last) {
        LayerSpec s = l.spec();
        Flow y;
        if (s instanceof LayerSpec.Dense d) {
            y = dense(l, d, x, last);
        } else if (s instanceof LayerSpec.Conv2D c) {
            y = conv(l, c, x, last);
        } else if (s instanceof LayerSpec.Pool p) {
            y = pool(l, p, x);
        } else if (s instanceof LayerSpec.Flatten) {
            y = new Flow(g.node("Flatten", l.name() + "/Flatten", List.of(x.name()),
                    new IntAttribute("axis", 1)), x.grid());
        } else if (s instanceof LayerSpec.Act a) {
            y = new Flow(activation(l, x.name(), a.activation(), last), null);
        } else if (s instanceof LayerSpec.BatchNorm b) {
            y = batchNorm(l, b, x);
        } else if (s instanceof LayerSpec.Dropout) {
            y = x;
        } else if (s instanceof LayerSpec.Residual) {
            y = residual(l, x);
        } else {
            throw new InvalidInputException("export: layer " + l.name() + " (" + s.describe()
                    + ") has no ONNX form");
        }
        return params.enabled() ? activationGrid(y, l.name()) : y;
    }

    private Flow dense(Layer l, LayerSpec.Dense d, Flow x, boolean last) {
        QdqParams.Weight w = params.kernel(l, 1);
        String b = params.bias(l, x.grid(), w, 1);
        String z = g.node("Gemm", l.name() + "/Gemm", List.of(x.name(), w.name(), b));
        return new Flow(activation(l, z, d.activation(), last), null);
    }

    private Flow conv(Layer l, LayerSpec.Conv2D c, Flow x, boolean last) {
        QdqParams.Weight w = params.kernel(l, 0);
        String b = params.bias(l, x.grid(), w, 0);
        Window win = c.window();
        String z = g.node("Conv", l.name() + "/Conv", List.of(x.name(), w.name(), b),
                ints("kernel_shape", win.kernelH(), win.kernelW()),
                ints("strides", win.strideH(), win.strideW()),
                ints("pads", pads(win, l.input())),
                new IntAttribute("group", c.groups()));
        return new Flow(activation(l, z, c.activation(), last), null);
    }

    /** The pads a window uses on this input, in ONNX order: top, left, bottom, right. */
    private static long[] pads(Window win, Shape in) {
        int[] p = win.pads(in.height(), in.width());
        return new long[] {p[0], p[1], p[2], p[3]};
    }

    private Flow pool(Layer l, LayerSpec.Pool p, Flow x) {
        String op = p.max() ? "MaxPool" : "AveragePool";
        Window win = p.window();
        String y = g.node(op, l.name() + "/" + op, List.of(x.name()),
                ints("kernel_shape", win.kernelH(), win.kernelW()),
                ints("strides", win.strideH(), win.strideW()),
                ints("pads", pads(win, l.input())),
                new IntAttribute("ceil_mode", p.ceil() ? 1 : 0));
        return new Flow(y, p.max() ? x.grid() : null);
    }

    private Flow batchNorm(Layer l, LayerSpec.BatchNorm b, Flow x) {
        List<String> inputs = List.of(x.name(), params.floats(l, "gamma"),
                params.floats(l, "beta"), params.floats(l, "moving_mean"),
                params.floats(l, "moving_variance"));
        return new Flow(g.node("BatchNormalization", l.name() + "/BatchNormalization", inputs,
                new FloatAttribute("epsilon", (float) b.epsilon())), null);
    }

    private Flow residual(Layer l, Flow x) {
        Flow y = x;
        for (Layer child : l.children()) {
            y = layer(child, y, false);
        }
        return new Flow(g.node("Add", l.name() + "/Add", List.of(x.name(), y.name())), null);
    }

    /**
     * Applies {@code a} to {@code x}; a softmax over an image is taken over all its values, as
     * mcs does (flatten, softmax, reshape back).
     */
    private String activation(Layer l, String x, Activation a, boolean last) {
        String n = l.name();
        switch (a) {
            case RELU:
                return g.node("Relu", n + "/Relu", List.of(x));
            case TANH:
                return g.node("Tanh", n + "/Tanh", List.of(x));
            case SIGMOID:
                return g.node("Sigmoid", n + "/Sigmoid", List.of(x));
            case SOFTMAX:
                if (last) {
                    return x;
                }
                if (l.output().rank() == 1) {
                    return g.node("Softmax", n + "/Softmax", List.of(x), axis(1));
                }
                String flat = g.node("Flatten", n + "/Softmax/Flatten", List.of(x), axis(1));
                String sm = g.node("Softmax", n + "/Softmax", List.of(flat), axis(1));
                String shape = g.int64s(n + "/Softmax/shape", new long[] {4},
                        new long[] {-1, l.output().channels(), l.output().height(),
                            l.output().width()});
                return g.node("Reshape", n + "/Softmax/Reshape", List.of(sm, shape));
            default:
                return x;
        }
    }

    /** Passes {@code y} through QuantizeLinear / DequantizeLinear when {@code key} has a spec. */
    private Flow activationGrid(Flow y, String key) {
        QuantSpec q = model.activations().get(key);
        return q == null ? y : new Flow(params.quantizeDequantize(y.name(), key, q), q);
    }

    private static IntAttribute axis(int a) {
        return new IntAttribute("axis", a);
    }

    private static IntsAttribute ints(String name, long... values) {
        return new IntsAttribute(name, values);
    }
}
