package mcs.runtime.onnx.export;

import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.onnx.export.OnnxGraph.Attribute;
import mcs.runtime.onnx.export.OnnxGraph.IntAttribute;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;

/**
 * A model's parameters as ONNX initializers. Float export writes the effective values (what
 * mcs's forward pass uses, so pruned and clustered tensors export as they run). QDQ export
 * writes Dense and Conv kernels as 8-bit integers feeding DequantizeLinear: with the tensor's
 * own {@link QuantSpec} when it has one (its integers exactly), else TFLite's int8 symmetric
 * per-output-channel scheme. A bias becomes int32 with scale {@code s_in * s_w} when the layer's
 * input lies on a per-tensor activation grid; otherwise it stays float (or uses its own spec).
 */
final class QdqParams {

    /** A kernel as the graph sees it, and the grid of its integers (null when float). */
    record Weight(String name, QuantSpec spec) { }

    private final Model model;
    private final OnnxGraph g;
    private final boolean qdq;

    QdqParams(Model model, OnnxGraph g, boolean qdq) {
        this.model = model;
        this.g = g;
        this.qdq = qdq;
    }

    boolean enabled() {
        return qdq;
    }

    /** The kernel of {@code l}; {@code outAxis} is its output-channel axis (0 conv, 1 dense). */
    Weight kernel(Layer l, int outAxis) {
        Tensor t = model.tensor(l.name() + ".kernel");
        if (!qdq) {
            return new Weight(g.floats(t.name(), dims(t.shape()), t.values()), null);
        }
        QuantSpec q = t.quant() != null ? t.quant()
                : WeightQuantizer.int8PerChannel(t.values(), t.shape(), outAxis);
        return new Weight(dequantized(t, q), q);
    }

    /** The bias of {@code l}, int32 when its input grid and kernel grid allow it. */
    String bias(Layer l, QuantSpec inputGrid, Weight w, int outAxis) {
        Tensor t = model.tensor(l.name() + ".bias");
        long[] dims = dims(t.shape());
        if (qdq && inputGrid != null && !inputGrid.perChannel() && w.spec() != null
                && (!w.spec().perChannel() || w.spec().axis() == outAxis)) {
            float sIn = inputGrid.scale(0);
            float[] sW = w.spec().scales();
            String q = g.int32s(t.name() + "/quantized", dims,
                    Quantizer.quantizeBias(t.values(), sIn, sW));
            String s = g.floats(t.name() + "/scale", dims, Quantizer.biasScales(sIn, sW, t.size()));
            return g.node("DequantizeLinear", t.name(), List.of(q, s),
                    new IntAttribute("axis", 0));
        }
        if (qdq && t.quant() != null) {
            return dequantized(t, t.quant());
        }
        return g.floats(t.name(), dims, t.values());
    }

    /** A float parameter (BatchNorm's), effective values. */
    String floats(Layer l, String suffix) {
        Tensor t = model.tensor(l.name() + "." + suffix);
        return g.floats(t.name(), dims(t.shape()), t.values());
    }

    /** QuantizeLinear then DequantizeLinear of {@code x} on the activation grid {@code q}. */
    String quantizeDequantize(String x, String key, QuantSpec q) {
        if (q.bits() != 8) {
            throw new InvalidInputException("export: ONNX QuantizeLinear (opset 13) has 8-bit "
                    + "activations only; the activations of " + key + " are quantised to "
                    + q.bits() + " bits");
        }
        long[] d = q.perChannel() ? new long[] {q.channels()} : new long[0];
        String s = g.floats(key + "/activation_scale", d, q.scales());
        String zp = g.bytes(key + "/activation_zero_point", d, q.zeroPoints(), q.signed());
        Attribute[] axis = q.perChannel()
                ? new Attribute[] {new IntAttribute("axis", q.axis() + 1)} : new Attribute[0];
        String qx = g.node("QuantizeLinear", key + "/QuantizeLinear", List.of(x, s, zp), axis);
        return g.node("DequantizeLinear", key + "/DequantizeLinear", List.of(qx, s, zp), axis);
    }

    /** The integers of {@code t} on grid {@code q} and a DequantizeLinear named as the tensor. */
    private String dequantized(Tensor t, QuantSpec q) {
        int[] ints = Quantizer.quantize(t.values(), t.shape(), q);
        long[] d = q.perChannel() ? new long[] {q.channels()} : new long[0];
        String qi = g.bytes(t.name() + "/quantized", dims(t.shape()), ints, q.signed());
        String s = g.floats(t.name() + "/scale", d, q.scales());
        String zp = g.bytes(t.name() + "/zero_point", d, q.zeroPoints(), q.signed());
        Attribute[] axis = q.perChannel()
                ? new Attribute[] {new IntAttribute("axis", q.axis())} : new Attribute[0];
        return g.node("DequantizeLinear", t.name(), List.of(qi, s, zp), axis);
    }

    static long[] dims(int[] shape) {
        long[] d = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            d[i] = shape[i];
        }
        return d;
    }
}
