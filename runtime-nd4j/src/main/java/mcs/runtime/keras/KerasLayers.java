package mcs.runtime.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Window;

/**
 * How each supported Keras layer class becomes mcs layers. Images are channels-first in mcs,
 * so kernels are transposed ({@link KernelLayout}); a layer without bias gets a zero bias.
 */
final class KerasLayers {

    /** Layer classes that import (merge layers are handled with the paths they join). */
    static final Set<String> SUPPORTED = Set.of("InputLayer", "Dense", "Conv2D", "Convolution2D",
            "DepthwiseConv2D", "SeparableConv2D", "SeparableConvolution2D", "BatchNormalization",
            "Activation", "ReLU", "Softmax", "Dropout", "Flatten", "Reshape", "MaxPooling2D",
            "MaxPool2D", "AveragePooling2D", "AvgPool2D", "GlobalAveragePooling2D",
            "GlobalAvgPool2D", "GlobalMaxPooling2D", "GlobalMaxPool2D");

    private KerasLayers() {
    }

    static LayerMapper.State map(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                 List<LayerSpec> out) {
        switch (c.className()) {
            case "InputLayer":
                return s;
            case "Dense":
                return dense(m, c, s, out);
            case "Conv2D", "Convolution2D":
                return conv(m, c, s, out);
            case "DepthwiseConv2D":
                return depthwise(m, c, s, out);
            case "SeparableConv2D", "SeparableConvolution2D":
                return separable(m, c, s, out);
            case "BatchNormalization":
                return batchNorm(m, c, s, out);
            case "Activation", "ReLU", "Softmax":
                return activation(m, c, s, out);
            case "Dropout":
                return m.add(out, new LayerSpec.Dropout(c.number("rate", "p", 0)), s, Map.of())
                        .withOrder(s.flattened());
            case "Flatten":
                return flatten(m, s, out);
            case "Reshape":
                return reshape(m, c, s, out);
            case "GlobalAveragePooling2D", "GlobalAvgPool2D", "GlobalMaxPooling2D",
                 "GlobalMaxPool2D":
                image(c, s);
                return m.add(out, new LayerSpec.GlobalPool(c.className().contains("Max"),
                        c.flag("keepdims", null, false)), s, Map.of());
            default:
                return pool(m, c, s, out);
        }
    }

    private static LayerMapper.State dense(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                           List<LayerSpec> out) {
        if (s.shape().rank() != 1) {
            throw new LayerMapper.Unsupported("Dense on a " + s.shape() + " input");
        }
        int n = s.shape().dim(0), units = c.integer("units", "output_dim", 0);
        float[] k = m.weight(c, (long) n * units, "kernel", "W");
        if (s.flattened() != null) {
            k = KernelLayout.rows(k, units, s.order());
        }
        float[] b = bias(m, c, units);
        Activation act = LayerMapper.activation(c);
        return m.add(out, new LayerSpec.Dense(units, act), s, Map.of("kernel", k, "bias", b));
    }

    private static LayerMapper.State conv(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                          List<LayerSpec> out) {
        image(c, s);
        undilated(c);
        int[] k = c.kernelSize();
        Window w = LayerMapper.window(k, strides(c), c.padding());
        int in = s.shape().channels(), groups = c.integer("groups", null, 1);
        int filters = c.integer("filters", "nb_filter", 0);
        int perGroup = in / Math.max(1, groups);
        float[] kernel = m.weight(c, (long) k[0] * k[1] * perGroup * filters, "kernel", "W");
        kernel = KernelLayout.conv(kernel, k[0], k[1], perGroup, filters);
        LayerSpec spec = new LayerSpec.Conv2D(filters, w, groups, LayerMapper.activation(c));
        return m.add(out, spec, s, Map.of("kernel", kernel, "bias", bias(m, c, filters)));
    }

    private static LayerMapper.State depthwise(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                               List<LayerSpec> out) {
        image(c, s);
        undilated(c);
        int[] k = c.kernelSize();
        int in = s.shape().channels(), mult = c.integer("depth_multiplier", null, 1);
        float[] kernel = KernelLayout.depthwise(m.weight(c, (long) k[0] * k[1] * in * mult,
                "depthwise_kernel"), k[0], k[1], in, mult);
        LayerSpec spec = new LayerSpec.Conv2D(in * mult,
                LayerMapper.window(k, strides(c), c.padding()), in, LayerMapper.activation(c));
        return m.add(out, spec, s, Map.of("kernel", kernel, "bias", bias(m, c, in * mult)));
    }

    /** A depthwise convolution (no bias) and a 1x1 pointwise one with the bias and activation. */
    private static LayerMapper.State separable(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                               List<LayerSpec> out) {
        image(c, s);
        undilated(c);
        int[] k = c.kernelSize();
        int in = s.shape().channels(), mult = c.integer("depth_multiplier", null, 1);
        int filters = c.integer("filters", "nb_filter", 0);
        Activation act = LayerMapper.activation(c);
        float[] dk = KernelLayout.depthwise(m.weight(c, (long) k[0] * k[1] * in * mult,
                "depthwise_kernel"), k[0], k[1], in, mult);
        float[] pk = KernelLayout.conv(m.weight(c, (long) in * mult * filters, "pointwise_kernel"),
                1, 1, in * mult, filters);
        LayerSpec depth = new LayerSpec.Conv2D(in * mult,
                LayerMapper.window(k, strides(c), c.padding()), in, Activation.LINEAR);
        LayerMapper.State mid = m.add(out, depth, s,
                Map.of("kernel", dk, "bias", new float[in * mult]));
        LayerSpec point = new LayerSpec.Conv2D(filters, 1, 1, Padding.VALID, act);
        return m.add(out, point, mid, Map.of("kernel", pk, "bias", bias(m, c, filters)));
    }

    private static LayerMapper.State batchNorm(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                               List<LayerSpec> out) {
        int rank = s.shape().rank() + 1;
        int axis = axis(c, "axis", -1);
        if (axis != -1 && axis != rank - 1) {
            throw new LayerMapper.Unsupported("normalising axis " + axis
                    + " instead of the channels");
        }
        if (c.integer("mode", null, 0) != 0) {
            throw new LayerMapper.Unsupported("Keras 1 mode " + c.integer("mode", null, 0));
        }
        int n = s.shape().dim(0);
        // the statistics first: they are always stored, so n is known to fit before allocating
        float[] mean = m.weight(c, n, "moving_mean", "running_mean");
        float[] var = m.weight(c, n, "moving_variance", "running_std");
        float[] gamma = c.flag("scale", null, true) ? m.weight(c, n, "gamma") : filled(n, 1f);
        float[] beta = c.flag("center", null, true) ? m.weight(c, n, "beta") : new float[n];
        Map<String, float[]> w = Map.of("gamma", reorder(gamma, s), "beta", reorder(beta, s),
                "moving_mean", reorder(mean, s), "moving_variance", reorder(var, s));
        double momentum = c.number("momentum", null, 0.99);
        LayerSpec spec = new LayerSpec.BatchNorm(c.number("epsilon", null, 1e-3),
                momentum >= 0 && momentum < 1 ? momentum : 0.99);
        return m.add(out, spec, s, w).withOrder(s.flattened());
    }

    private static LayerMapper.State activation(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                                List<LayerSpec> out) {
        Activation a;
        if (c.className().equals("ReLU")) {
            a = relu(c);
        } else if (c.className().equals("Softmax")) {
            if (axis(c, "axis", -1) != -1) {
                throw new LayerMapper.Unsupported("softmax over an axis other than the last");
            }
            a = Activation.SOFTMAX;
        } else {
            a = LayerMapper.activation(c);
        }
        if (a == Activation.LINEAR) {
            return s;
        }
        return m.add(out, new LayerSpec.Act(a), s, Map.of()).withOrder(s.flattened());
    }

    private static Activation relu(LayerConfig c) {
        double slope = c.number("negative_slope", null, 0), threshold = c.number("threshold",
                null, 0);
        double max = c.number("max_value", null, Double.POSITIVE_INFINITY);
        if (slope == 0 && threshold == 0 && max == Double.POSITIVE_INFINITY) {
            return Activation.RELU;
        }
        if (slope == 0 && threshold == 0 && max == 6) {
            return Activation.RELU6;
        }
        throw new LayerMapper.Unsupported("ReLU with negative_slope " + slope + ", threshold "
                + threshold + ", max_value " + max);
    }

    private static LayerMapper.State flatten(LayerMapper m, LayerMapper.State s,
                                             List<LayerSpec> out) {
        if (s.shape().rank() == 1) {
            return s;
        }
        Shape in = s.shape();
        long size = 1;
        for (int d : in.dims()) {
            size *= d;
        }
        Memory.requireArray("the flattened " + in, size);
        Shape image = in.isImage() && in.channels() > 1 && (long) in.height() * in.width() > 1
                ? in : null;
        return m.add(out, new LayerSpec.Flatten(), s, Map.of()).withOrder(image);
    }

    private static LayerMapper.State reshape(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                             List<LayerSpec> out) {
        if (s.flattened() != null) {
            throw new LayerMapper.Unsupported("reshaping flattened image features");
        }
        int[] target = targetShape(c, s.shape().size());
        if (target == null) {
            throw new InvalidInputException("target_shape is not a list of sizes");
        }
        if (target.length == 1) {
            return flatten(m, s, out);
        }
        Shape to = KerasImport.mcsShape(target);
        if (to == null || !sameLayout(s.shape()) || !sameLayout(to)) {
            throw new LayerMapper.Unsupported("to " + Arrays.toString(target)
                    + ", which orders values differently in channels-first mcs");
        }
        return m.add(out, new LayerSpec.Reshape(to), s, Map.of());
    }

    /** Whether an mcs shape lists its values in the same order as the Keras tensor. */
    static boolean sameLayout(Shape s) {
        return !s.isImage() || s.channels() == 1 || s.height() * s.width() == 1;
    }

    /** Reshape's target_shape with a -1 resolved, or null when it has none of whole numbers. */
    static int[] targetShape(LayerConfig c, int size) {
        JsonElement e = c.json().get("target_shape");
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray a = e.getAsJsonArray();
        int[] t = new int[a.size()];
        int known = 1, unknown = -1;
        for (int i = 0; i < t.length; i++) {
            JsonElement v = a.get(i);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                return null;
            }
            t[i] = v.getAsInt();
            if (t[i] == -1) {
                unknown = i;
            } else {
                known *= t[i];
            }
        }
        if (unknown >= 0) {
            t[unknown] = known == 0 ? 0 : size / known;
        }
        return t;
    }

    private static LayerMapper.State pool(LayerMapper m, LayerConfig c, LayerMapper.State s,
                                          List<LayerSpec> out) {
        image(c, s);
        int[] size = c.pair("pool_size", null);
        Window w = LayerMapper.window(size == null ? new int[] {2, 2} : size,
                c.pair("strides", null), c.padding());
        boolean max = c.className().startsWith("Max");
        return m.add(out, new LayerSpec.Pool(max, w, false), s, Map.of());
    }

    /** The merge of a Fork, or null when mcs has none (Subtract, Average, Dot, ...). */
    static LayerSpec.Branch.Merge merge(LayerConfig c, LayerMapper.State s) {
        String cls = c.className();
        String mode = cls.equals("Merge") ? c.text("mode", null, "") : "";
        if (cls.equals("Add") || mode.equals("sum")) {
            return LayerSpec.Branch.Merge.ADD;
        }
        if (cls.equals("Multiply") || mode.equals("mul")) {
            return LayerSpec.Branch.Merge.MUL;
        }
        if (cls.equals("Concatenate") || mode.equals("concat")) {
            int axis = axis(c, cls.equals("Merge") ? "concat_axis" : "axis", -1);
            boolean last = axis == -1 || s != null && axis == s.shape().rank();
            return last ? LayerSpec.Branch.Merge.CONCAT : null;
        }
        return null;
    }

    private static float[] bias(LayerMapper m, LayerConfig c, int n) {
        return c.flag("use_bias", "bias", true) ? m.weight(c, n, "bias", "b") : new float[n];
    }

    private static int[] strides(LayerConfig c) {
        int[] s = c.pair("strides", "subsample");
        return s == null ? new int[] {1, 1} : s;
    }

    private static void image(LayerConfig c, LayerMapper.State s) {
        if (!s.shape().isImage()) {
            throw new LayerMapper.Unsupported("needs an image input, gets " + s.shape());
        }
        if (!c.channelsLast()) {
            throw new LayerMapper.Unsupported("channels_first data");
        }
    }

    private static void undilated(LayerConfig c) {
        int[] d = c.pair("dilation_rate", "atrous_rate");
        if (d != null && (d[0] != 1 || d[1] != 1)) {
            throw new LayerMapper.Unsupported("dilation " + d[0] + "x" + d[1]);
        }
    }

    /** An axis given as a number or a one-element list ({@code [3]}). */
    private static int axis(LayerConfig c, String key, int fallback) {
        JsonElement e = c.json().get(key);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            if (a.size() != 1) {
                throw new LayerMapper.Unsupported(key + " " + a);
            }
            return a.get(0).getAsInt();
        }
        return e.getAsInt();
    }

    private static float[] reorder(float[] v, LayerMapper.State s) {
        if (s.flattened() == null) {
            return v;
        }
        int[] order = s.order();
        float[] r = new float[v.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = v[order[i]];
        }
        return r;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }
}
