package mcs.runtime.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Window;
import mcs.runtime.onnx.OnnxProto.Node;
import mcs.runtime.onnx.OnnxProto.TensorData;

/**
 * Turns one ONNX node with a single data input into mcs layers (pieces) with their weights,
 * given the input's sample shape (no batch dimension) and the constants known so far.
 */
final class Ops {

    private Ops() {
    }

    /** A layer and its weights by tensor suffix ({@code kernel}, {@code bias}, ...). */
    record Piece(LayerSpec spec, Map<String, float[]> weights) {
        static Piece of(LayerSpec spec) {
            return new Piece(spec, new HashMap<>());
        }
    }

    /** The ops with one data input that become layers. */
    static final Set<String> UNARY = Set.of("Conv", "Gemm", "MatMul", "MaxPool", "AveragePool",
            "GlobalAveragePool", "GlobalMaxPool", "Relu", "Sigmoid", "Tanh", "Softmax",
            "LogSoftmax", "Clip", "HardSigmoid", "HardSwish", "BatchNormalization", "Dropout",
            "Flatten", "Reshape", "Identity", "Add", "Sub", "Mul", "Div");

    /** Ops that merge several data inputs into one (a branch's end). */
    static final Set<String> MERGES = Set.of("Add", "Mul", "Sum", "Concat");

    static List<Piece> convert(Node n, int dataIndex, Shape in, Map<String, TensorData> consts,
                               int opset) {
        List<TensorData> c = Constants.inputs(n, consts);
        switch (n.opType()) {
            case "Conv":
                return List.of(conv(n, in, c));
            case "Gemm":
                return List.of(gemm(n, in, c));
            case "MatMul":
                return List.of(matmul(n, in, c));
            case "MaxPool", "AveragePool":
                return List.of(pool(n, in));
            case "GlobalAveragePool", "GlobalMaxPool":
                return List.of(Piece.of(new LayerSpec.GlobalPool(n.opType().contains("Max"), true)));
            case "Relu":
                return act(Activation.RELU);
            case "Sigmoid":
                return act(Activation.SIGMOID);
            case "Tanh":
                return act(Activation.TANH);
            case "HardSwish":
                return act(Activation.HARD_SWISH);
            case "Softmax", "LogSoftmax":
                return softmax(n, in, opset);
            case "Clip":
                return clip(n, c, opset);
            case "HardSigmoid":
                return hardSigmoid(n);
            case "BatchNormalization":
                return List.of(batchNorm(n, c));
            case "Dropout":
                double rate = opset >= 12 ? (c.size() > 1 && c.get(1) != null
                        ? Constants.firstFloat(n, c.get(1)) : 0.5) : n.floatAttr("ratio", 0.5f);
                return List.of(Piece.of(new LayerSpec.Dropout(rate)));
            case "Flatten":
                if (n.intAttr("axis", 1) != 1) {
                    throw unsupported(n, "axis " + n.intAttr("axis", 1));
                }
                return in.rank() == 1 ? List.of() : List.of(Piece.of(new LayerSpec.Flatten()));
            case "Reshape":
                return reshape(n, in, c);
            case "Identity":
                return List.of();
            default:
                return arithmetic(n, dataIndex, in, c);
        }
    }

    private static List<Piece> act(Activation a) {
        return List.of(Piece.of(new LayerSpec.Act(a)));
    }

    static InvalidInputException unsupported(Node n, String what) {
        String name = n.name().isEmpty() ? "-> " + n.outputs().get(0) : n.name();
        return new InvalidInputException(n.opType() + " node " + name + ": " + what
                + " is not supported");
    }

    /** An int attribute value (a size, stride or pad), refused beyond what an int holds. */
    private static int toInt(Node n, String what, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw unsupported(n, what + " " + v);
        }
        return (int) v;
    }

    /** A two-element attribute (kernel_shape, strides) or its default. */
    private static int[] pair(Node n, String key, long[] dflt) {
        long[] v = n.intsAttr(key, dflt);
        if (v == null || v.length != 2) {
            throw unsupported(n, key + " " + Arrays.toString(v) + " (2-D windows only)");
        }
        return new int[] {toInt(n, key, v[0]), toInt(n, key, v[1])};
    }

    /** A floating point constant (a kernel, a weight matrix). */
    private static TensorData floating(Node n, TensorData t, String what) {
        if (!t.isFloat()) {
            throw unsupported(n, what + " of integers");
        }
        return t;
    }

    private static TensorData required(Node n, List<TensorData> c, int i, String what) {
        if (c.size() <= i || c.get(i) == null) {
            throw unsupported(n, what + " computed from the input");
        }
        return c.get(i);
    }

    private static Piece conv(Node n, Shape in, List<TensorData> c) {
        TensorData w = floating(n, required(n, c, 1, "a kernel"), "a kernel");
        if (w.dims().length != 4 || !in.isImage()) {
            throw unsupported(n, "a convolution that is not 2-D");
        }
        int filters = (int) w.dims()[0], kh = (int) w.dims()[2], kw = (int) w.dims()[3];
        int groups = toInt(n, "group", n.intAttr("group", 1));
        if (groups < 1 || w.dims()[1] * groups != in.channels()) {
            throw unsupported(n, "a " + Arrays.toString(w.dims()) + " kernel in " + groups
                    + " groups on " + in);
        }
        requireUnitDilations(n);
        int[] s = pair(n, "strides", new long[] {1, 1});
        Window win = window(n, in, kh, kw, s[0], s[1]);
        Piece p = Piece.of(new LayerSpec.Conv2D(filters, win, groups, Activation.LINEAR));
        p.weights().put("kernel", w.floats());
        if (c.size() > 2 && c.get(2) != null) {
            p.weights().put("bias", Constants.asFloats(c.get(2)));
        }
        return p;
    }

    private static void requireUnitDilations(Node n) {
        for (long d : n.intsAttr("dilations", new long[] {1, 1})) {
            if (d != 1) {
                throw unsupported(n, "dilation " + d);
            }
        }
    }

    /** The window from auto_pad / pads, SAME_LOWER turned into explicit pads. */
    private static Window window(Node n, Shape in, int kh, int kw, int sh, int sw) {
        String auto = n.stringAttr("auto_pad", "NOTSET");
        if (auto.equals("SAME_UPPER")) {
            return new Window(kh, kw, sh, sw, Padding.SAME, 0, 0, 0, 0);
        }
        if (auto.equals("SAME_LOWER")) {
            int[] p = new Window(kh, kw, sh, sw, Padding.SAME, 0, 0, 0, 0)
                    .pads(in.height(), in.width());
            return Window.explicit(kh, kw, sh, sw, new int[] {p[2], p[3], p[0], p[1]});
        }
        long[] pads = auto.equals("VALID") ? new long[4] : n.intsAttr("pads", new long[4]);
        if (pads.length != 4) {
            throw unsupported(n, "pads " + Arrays.toString(pads));
        }
        return Window.explicit(kh, kw, sh, sw, new int[] {toInt(n, "pads", pads[0]),
            toInt(n, "pads", pads[1]), toInt(n, "pads", pads[2]), toInt(n, "pads", pads[3])});
    }

    private static Piece pool(Node n, Shape in) {
        long[] shape = n.intsAttr("kernel_shape", null);
        if (shape == null || shape.length != 2 || !in.isImage()) {
            throw unsupported(n, "pooling that is not 2-D");
        }
        int[] k = pair(n, "kernel_shape", null);
        requireUnitDilations(n);
        int[] s = pair(n, "strides", new long[] {1, 1});
        Window win = window(n, in, k[0], k[1], s[0], s[1]);
        boolean max = n.opType().equals("MaxPool");
        int[] p = win.pads(in.height(), in.width());
        if (!max && n.intAttr("count_include_pad", 0) == 1 && p[0] + p[1] + p[2] + p[3] > 0) {
            throw unsupported(n, "count_include_pad=1 with padding");
        }
        return Piece.of(new LayerSpec.Pool(max, win, n.intAttr("ceil_mode", 0) == 1));
    }

    private static Piece gemm(Node n, Shape in, List<TensorData> c) {
        TensorData b = floating(n, required(n, c, 1, "a weight matrix"), "a weight matrix");
        if (n.intAttr("transA", 0) != 0 || in.rank() != 1 || b.dims().length != 2) {
            throw unsupported(n, "this form of Gemm");
        }
        boolean transB = n.intAttr("transB", 0) != 0;
        int rows = (int) b.dims()[0], cols = (int) b.dims()[1];
        int units = transB ? rows : cols;
        int inputs = transB ? cols : rows;
        if (inputs != in.dim(0)) {
            // checked before the model is built: it allocates the parameters its shapes declare
            throw unsupported(n, "Gemm of " + in + " by " + Arrays.toString(b.dims())
                    + (transB ? " transposed" : ""));
        }
        float alpha = n.floatAttr("alpha", 1f), beta = n.floatAttr("beta", 1f);
        float[] w = b.floats(), kernel = new float[rows * cols];
        for (int i = 0; i < inputs; i++) {
            for (int o = 0; o < units; o++) {
                kernel[i * units + o] = alpha * (transB ? w[o * cols + i] : w[i * cols + o]);
            }
        }
        Piece p = Piece.of(new LayerSpec.Dense(units, Activation.LINEAR));
        p.weights().put("kernel", kernel);
        if (c.size() > 2 && c.get(2) != null) {
            float[] bias = broadcast(Constants.asFloats(c.get(2)), units, n);
            for (int i = 0; i < units; i++) {
                bias[i] *= beta;
            }
            p.weights().put("bias", bias);
        }
        return p;
    }

    private static Piece matmul(Node n, Shape in, List<TensorData> c) {
        TensorData b = floating(n, required(n, c, 1, "a weight matrix"), "a weight matrix");
        if (in.rank() != 1 || b.dims().length != 2 || b.dims()[0] != in.dim(0)) {
            throw unsupported(n, "MatMul of " + in + " by " + Arrays.toString(b.dims()));
        }
        Piece p = Piece.of(new LayerSpec.Dense((int) b.dims()[1], Activation.LINEAR));
        p.weights().put("kernel", b.floats().clone());
        return p;
    }

    /** A per-channel vector of {@code n} values from a scalar or n values. */
    static float[] broadcast(float[] v, int size, Node n) {
        if (v.length == size) {
            return v.clone();
        }
        if (v.length == 1) {
            float[] f = new float[size];
            Arrays.fill(f, v[0]);
            return f;
        }
        throw unsupported(n, "a bias of " + v.length + " values for " + size + " outputs");
    }

    private static List<Piece> softmax(Node n, Shape in, int opset) {
        Activation a = n.opType().equals("Softmax") ? Activation.SOFTMAX : Activation.LOG_SOFTMAX;
        long axis = n.intAttr("axis", opset >= 13 ? -1 : 1);
        int rank = in.rank() + 1;
        axis = axis < 0 ? axis + rank : axis;
        if (in.rank() == 1 && axis == 1) {
            return act(a);
        }
        if (opset < 13 && axis == 1) {
            // the old semantics: softmax over everything after the batch axis
            return List.of(Piece.of(new LayerSpec.Flatten()), Piece.of(new LayerSpec.Act(a)),
                    Piece.of(new LayerSpec.Reshape(in)));
        }
        throw unsupported(n, "axis " + axis + " on an input of " + in);
    }

    private static List<Piece> clip(Node n, List<TensorData> c, int opset) {
        double lo, hi;
        if (opset < 11) {
            lo = n.floatAttr("min", -Float.MAX_VALUE);
            hi = n.floatAttr("max", Float.MAX_VALUE);
        } else {
            lo = c.size() > 1 && c.get(1) != null ? Constants.firstFloat(n, c.get(1))
                    : -Float.MAX_VALUE;
            hi = c.size() > 2 && c.get(2) != null ? Constants.firstFloat(n, c.get(2))
                    : Float.MAX_VALUE;
        }
        if (lo == 0 && hi == 6) {
            return act(Activation.RELU6);
        }
        if (lo == 0 && hi >= Float.MAX_VALUE) {
            return act(Activation.RELU);
        }
        return List.of(Piece.of(new LayerSpec.Clip(lo, hi)));
    }

    private static List<Piece> hardSigmoid(Node n) {
        float alpha = n.floatAttr("alpha", 0.2f), beta = n.floatAttr("beta", 0.5f);
        if (alpha == 0.2f && beta == 0.5f) {
            return act(Activation.HARD_SIGMOID);
        }
        return List.of(Piece.of(new LayerSpec.Affine(alpha, beta)),
                Piece.of(new LayerSpec.Clip(0, 1)));
    }

    private static Piece batchNorm(Node n, List<TensorData> c) {
        String[] names = {"gamma", "beta", "moving_mean", "moving_variance"};
        double momentum = n.floatAttr("momentum", 0.9f);
        Piece p = Piece.of(new LayerSpec.BatchNorm(n.floatAttr("epsilon", 1e-5f),
                momentum >= 0 && momentum < 1 ? momentum : 0.9));
        for (int i = 0; i < 4; i++) {
            p.weights().put(names[i], Constants.asFloats(required(n, c, i + 1, "a statistic")));
        }
        return p;
    }

    private static List<Piece> reshape(Node n, Shape in, List<TensorData> c) {
        long[] t = Constants.asLongs(required(n, c, 1, "a target shape"));
        if (t.length < 2) {
            throw unsupported(n, "a reshape that drops the batch axis");
        }
        int[] dims = new int[t.length - 1];
        int infer = -1, known = 1;
        for (int i = 1; i < t.length; i++) {
            long v = t[i] == 0 && i < in.rank() + 1 ? in.dim(i - 1) : t[i];
            if (v == -1) {
                infer = i - 1;
            } else if (v <= 0 || v > in.size()) {
                throw unsupported(n, "target shape " + Arrays.toString(t) + " for " + in);
            } else {
                dims[i - 1] = (int) v;
                known = (int) Math.min((long) known * v, Integer.MAX_VALUE);
            }
        }
        if (infer >= 0) {
            dims[infer] = in.size() / Math.max(known, 1);
        }
        Shape target;
        try {
            target = new Shape(dims);
        } catch (IllegalArgumentException e) {
            throw unsupported(n, "target shape " + Arrays.toString(t));
        }
        if (target.equals(in)) {
            return List.of();
        }
        return List.of(Piece.of(target.rank() == 1 ? new LayerSpec.Flatten()
                : new LayerSpec.Reshape(target)));
    }

    /** Add/Sub/Mul/Div of the data input and a scalar constant. */
    private static List<Piece> arithmetic(Node n, int dataIndex, Shape in, List<TensorData> c) {
        TensorData k = c.size() == 2 ? c.get(1 - dataIndex) : null;
        if (k == null || k.size() != 1) {
            throw unsupported(n, k == null ? "this op" : "an element-wise op with a constant of shape "
                    + Arrays.toString(k.dims()));
        }
        double v = Constants.asFloats(k)[0];
        boolean dataFirst = dataIndex == 0;
        LayerSpec spec = switch (n.opType()) {
            case "Add" -> new LayerSpec.Affine(1, v);
            case "Sub" -> dataFirst ? new LayerSpec.Affine(1, -v) : new LayerSpec.Affine(-1, v);
            case "Mul" -> new LayerSpec.Affine(v, 0);
            default -> {
                if (!dataFirst) {
                    throw unsupported(n, "dividing a constant by the data");
                }
                yield new LayerSpec.Affine(1 / v, 0);
            }
        };
        return new ArrayList<>(List.of(Piece.of(spec)));
    }
}
