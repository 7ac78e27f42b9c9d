package mcs.runtime.quant;

/**
 * The arithmetic of ONNX QuantizeLinear and DequantizeLinear.
 *
 * <p>Quantize: {@code q = saturate(roundHalfToEven(x / scale) + zeroPoint)}. The division is
 * done in float, as the ONNX reference implementation does it on float32 tensors (not as a
 * multiplication by 1/scale, and not in double: for some inputs those give a different integer
 * at a rounding tie), then rounded half to even with {@link Math#rint}. NaN quantises to the
 * zero point. TFLite's kernels round half away from zero instead; mcs follows ONNX.
 *
 * <p>Dequantize: {@code x = (q - zeroPoint) * scale}, the subtraction in int and the product in
 * float.
 *
 * <p>Bias for an int8 layer is int32 with zero point 0 and scale {@code s_in * s_w} (per
 * output channel when the weights are), as ONNX Runtime and TFLite quantise it.
 */
public final class Quantizer {

    private Quantizer() {
    }

    /** ONNX QuantizeLinear of one value into {@code [qmin, qmax]}. */
    public static int quantize(float x, float scale, int zeroPoint, int qmin, int qmax) {
        float r = x / scale;
        if (r != r) {
            return zeroPoint;
        }
        double q = Math.rint(r) + zeroPoint;
        if (q <= qmin) {
            return qmin;
        }
        if (q >= qmax) {
            return qmax;
        }
        return (int) q;
    }

    /** ONNX DequantizeLinear of one value. */
    public static float dequantize(int q, float scale, int zeroPoint) {
        return (q - zeroPoint) * scale;
    }

    /** Quantises a tensor with a per-tensor spec. */
    public static int[] quantize(float[] x, QuantSpec spec) {
        return quantize(x, null, spec);
    }

    /**
     * Quantises a tensor laid out as {@code shape} (row-major; may be null for a per-tensor
     * spec), each channel along {@code spec.axis()} with its own scale and zero point.
     */
    public static int[] quantize(float[] x, int[] shape, QuantSpec spec) {
        Channels ch = Channels.of(spec, shape, x.length);
        int qmin = spec.qmin(), qmax = spec.qmax();
        int[] q = new int[x.length];
        ch.forEachRun(spec, (from, to, s, zp) -> {
            for (int i = from; i < to; i++) {
                q[i] = quantize(x[i], s, zp, qmin, qmax);
            }
        });
        return q;
    }

    /** Dequantises a tensor with a per-tensor spec. */
    public static float[] dequantize(int[] q, QuantSpec spec) {
        return dequantize(q, null, spec);
    }

    /** Dequantises a tensor laid out as {@code shape} (may be null for a per-tensor spec). */
    public static float[] dequantize(int[] q, int[] shape, QuantSpec spec) {
        Channels ch = Channels.of(spec, shape, q.length);
        float[] x = new float[q.length];
        ch.forEachRun(spec, (from, to, s, zp) -> {
            for (int i = from; i < to; i++) {
                x[i] = dequantize(q[i], s, zp);
            }
        });
        return x;
    }

    /**
     * The bias scales {@code inputScale * weightScales[c]} (computed in float), one per output
     * channel; a single weight scale (per-tensor weights) is used for every channel.
     */
    public static float[] biasScales(float inputScale, float[] weightScales, int channels) {
        if (weightScales.length != 1 && weightScales.length != channels) {
            throw new IllegalArgumentException("expected 1 or " + channels
                    + " weight scales, got " + weightScales.length);
        }
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = inputScale * weightScales[weightScales.length == 1 ? 0 : c];
        }
        return s;
    }

    /**
     * Quantises a bias vector to int32 with zero point 0 and the scales of
     * {@link #biasScales}: {@code saturate(roundHalfToEven(b / (s_in * s_w)))}.
     */
    public static int[] quantizeBias(float[] bias, float inputScale, float[] weightScales) {
        float[] s = biasScales(inputScale, weightScales, bias.length);
        int[] q = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            q[c] = quantize(bias[c], s[c], 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return q;
    }

    /** The bias values an int32 bias stands for: {@code q * s_in * s_w}. */
    public static float[] dequantizeBias(int[] q, float inputScale, float[] weightScales) {
        float[] s = biasScales(inputScale, weightScales, q.length);
        float[] b = new float[q.length];
        for (int c = 0; c < q.length; c++) {
            b[c] = q[c] * s[c];
        }
        return b;
    }
}
