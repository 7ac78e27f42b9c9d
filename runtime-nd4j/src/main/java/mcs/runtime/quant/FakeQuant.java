package mcs.runtime.quant;

/**
 * Fake quantisation for quantisation-aware training: values are quantised and dequantised in
 * place, so the forward pass sees what the integer model will compute, while the backward pass
 * uses the straight-through estimator: the gradient passes unchanged where the value was
 * representable and is 0 where it was clipped.
 *
 * <p>"Representable" follows PyTorch's {@code fake_quantize_per_tensor_affine}: the rounded,
 * not yet clamped {@code round(x / scale) + zeroPoint} lies in {@code [qmin, qmax]}.
 */
public final class FakeQuant {

    private FakeQuant() {
    }

    /** Quantises and dequantises {@code x} in place with a per-tensor spec. */
    public static void apply(float[] x, QuantSpec spec) {
        apply(x, null, spec, null);
    }

    /**
     * Quantises and dequantises {@code x} (laid out as {@code shape}; may be null for a
     * per-tensor spec) in place. If {@code passMask} is not null it receives, for each value,
     * whether its gradient passes (see {@link #maskGradient}).
     */
    public static void apply(float[] x, int[] shape, QuantSpec spec, boolean[] passMask) {
        if (passMask != null && passMask.length != x.length) {
            throw new IllegalArgumentException("mask length " + passMask.length + " != "
                    + x.length);
        }
        Channels ch = Channels.of(spec, shape, x.length);
        int qmin = spec.qmin(), qmax = spec.qmax();
        ch.forEachRun(spec, (from, to, s, zp) -> {
            for (int i = from; i < to; i++) {
                float v = x[i];
                if (passMask != null) {
                    double q = Math.rint(v / s) + zp;
                    passMask[i] = q >= qmin && q <= qmax;
                }
                x[i] = Quantizer.dequantize(Quantizer.quantize(v, s, zp, qmin, qmax), s, zp);
            }
        });
    }

    /** The straight-through estimator: zeroes {@code grad} where {@code passMask} is false. */
    public static void maskGradient(float[] grad, boolean[] passMask) {
        if (grad.length != passMask.length) {
            throw new IllegalArgumentException("mask length " + passMask.length + " != "
                    + grad.length);
        }
        for (int i = 0; i < grad.length; i++) {
            if (!passMask[i]) {
                grad[i] = 0f;
            }
        }
    }
}
