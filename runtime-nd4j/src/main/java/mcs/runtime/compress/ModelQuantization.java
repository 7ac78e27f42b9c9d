package mcs.runtime.compress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Split;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;
import mcs.runtime.quant.EntropyObserver;
import mcs.runtime.quant.MinMaxObserver;
import mcs.runtime.quant.MseObserver;
import mcs.runtime.quant.Observer;
import mcs.runtime.quant.PercentileObserver;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Calibration;

/**
 * Post-training quantisation of a model, as the TFLite converter and ONNX Runtime's quantiser:
 * <ul>
 * <li>weights: every selected kernel on an integer grid (int8 default: symmetric per output
 * channel in [-127, 127]); a clustered kernel quantises its codebook, one scale per codebook;
 * biases and BatchNorm stay fp32;</li>
 * <li>static: the weights as above, plus every top-level activation (and the input) on a
 * per-tensor grid fitted on calibration data (uint8 asymmetric by default, as ONNX Runtime), and
 * the biases of Dense/Conv layers on the int32 grid of scale {@code s_in * s_w}; the forward
 * pass then computes what an integer runtime computes;</li>
 * <li>fp16/bf16: every tensor stored in that float format.</li>
 * </ul>
 */
public final class ModelQuantization {

    /** The number formats a model can be quantised to. */
    public enum Format {
        INT8(8, true), UINT8(8, false), INT4(4, true), FP16(16, true), BF16(16, true);

        final int bits;
        final boolean signed;

        Format(int bits, boolean signed) {
            this.bits = bits;
            this.signed = signed;
        }

        boolean isFloat() {
            return this == FP16 || this == BF16;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What is quantised: weights only, or weights and activations (static). */
    public enum Mode { WEIGHTS, DYNAMIC, STATIC }

    /** How activation ranges are chosen from calibration data. */
    public enum Method { MINMAX, PERCENTILE, MSE, ENTROPY }

    /**
     * @param symmetric weights symmetric about 0 (zero point in the middle); activations of a
     *     static model are asymmetric unless {@code symmetricActivations}
     * @param calibration data for static mode (its first {@code samples} samples), or null
     */
    public record Config(Format format, Mode mode, boolean perChannel, boolean symmetric,
                         boolean symmetricActivations, Split calibration, int samples,
                         Method method, Set<String> skip) {
        public Config {
            skip = Set.copyOf(skip);
        }
    }

    private ModelQuantization() {
    }

    public static Model quantize(Model model, Config c, Cancellation cancel) {
        if (c.format().isFloat()) {
            return toFloat(model, c);
        }
        if (c.mode() == Mode.STATIC && c.calibration() == null) {
            throw new InvalidInputException("quantize: mode=static needs calibration data "
                    + "(calibrate=...)");
        }
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : TensorSelection.kernels(model, "quantize", c.skip())) {
            out.add(quantizeKernel(t, c));
        }
        Model q = model.withTensors(out).withPlan(null);
        if (c.mode() == Mode.STATIC) {
            q = quantizeActivations(q, c, cancel);
        }
        return q.withHistory(String.format(Locale.ROOT, "quantize %s %s per %s%s",
                c.format().label(), c.mode().name().toLowerCase(Locale.ROOT),
                c.perChannel() ? "channel" : "tensor",
                c.mode() == Mode.STATIC ? " (" + c.method().name().toLowerCase(Locale.ROOT)
                        + " on " + Math.min(c.samples(), c.calibration().size()) + " samples)"
                        : ""));
    }

    static Tensor quantizeKernel(Tensor t, Config c) {
        int bits = c.format().bits;
        boolean signed = c.format().signed;
        boolean sym = c.symmetric();
        if (t.clusters() != null) {
            QuantSpec kind = QuantSpec.fromRange(bits, signed, sym, -1f, 1f);
            return t.withQuant(t.refitCentroids(kind));
        }
        float[] w = t.values();
        QuantSpec spec = c.perChannel()
                ? WeightQuantizer.perChannel(w, t.shape(), TensorSelection.outputAxis(t), bits,
                        signed, sym)
                : WeightQuantizer.perTensor(w, bits, signed, sym);
        return t.withQuant(spec);
    }

    private static Model toFloat(Model model, Config c) {
        Precision p = c.format() == Format.FP16 ? Precision.FP16 : Precision.BF16;
        TensorSelection.kernels(model, "quantize", c.skip());
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            if (!c.skip().contains(t.name()) && !c.skip().contains(TensorSelection.layerOf(t))
                    && t.quant() == null) {
                out.add(t.withPrecision(p));
            }
        }
        return model.withTensors(out).withPlan(null)
                .withHistory("quantize " + c.format().label());
    }

    private static Model quantizeActivations(Model model, Config c, Cancellation cancel) {
        Map<String, Observer> seen = Calibration.observe(model, c.calibration(), c.samples(),
                observers(c), cancel);
        Map<String, QuantSpec> specs = new LinkedHashMap<>();
        boolean sym = c.symmetricActivations();
        for (Map.Entry<String, Observer> e : seen.entrySet()) {
            if (!c.skip().contains(e.getKey())) {
                specs.put(e.getKey(), e.getValue().spec(8, sym, sym));
            }
        }
        String before = Model.INPUT;
        for (Layer l : model.layers()) {
            // max pooling and flattening only pick and move values: their outputs keep the
            // grid of their inputs, so an exported QDQ graph runs them on the integers
            // (ONNX Runtime drops a DequantizeLinear/QuantizeLinear pair of equal grids around
            // them; with a grid of their own, they ran in float between two conversions)
            boolean keepsValues = l.spec() instanceof LayerSpec.Flatten
                    || l.spec() instanceof LayerSpec.Pool p && p.max();
            if (keepsValues && specs.containsKey(before) && specs.containsKey(l.name())) {
                specs.put(l.name(), specs.get(before));
            }
            before = l.name();
        }
        List<Tensor> biases = new ArrayList<>();
        String previous = Model.INPUT;
        for (Layer l : model.layers()) {
            QuantSpec in = specs.get(previous);
            boolean weighted = l.spec() instanceof LayerSpec.Dense
                    || l.spec() instanceof LayerSpec.Conv2D;
            if (in != null && weighted) {
                Tensor kernel = model.tensor(l.name() + ".kernel");
                Tensor bias = model.tensor(l.name() + ".bias");
                if (kernel.quant() != null && (!kernel.quant().perChannel()
                        || kernel.quant().channels() == bias.size())) {
                    biases.add(int32Bias(bias, in, kernel.quant()));
                }
            }
            previous = l.name();
        }
        return model.withTensors(biases).withActivations(specs);
    }

    private static Tensor int32Bias(Tensor bias, QuantSpec in, QuantSpec w) {
        float[] ws = new float[bias.size()];
        for (int ch = 0; ch < ws.length; ch++) {
            ws[ch] = w.scale(w.perChannel() ? ch : 0);
        }
        float[] b = bias.values();
        return bias.withValues(Quantizer.dequantizeBias(Quantizer.quantizeBias(b, in.scale(0), ws),
                in.scale(0), ws));
    }

    private static Supplier<Observer> observers(Config c) {
        switch (c.method()) {
            case PERCENTILE:
                return PercentileObserver::new;
            case MSE:
                return MseObserver::new;
            case ENTROPY:
                return EntropyObserver::new;
            default:
                return MinMaxObserver::new;
        }
    }
}
