package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/**
 * Quantisation specs for weight tensors from their own min and max (weights need no
 * calibration data). The default for int8 is TFLite's: symmetric, per output channel, range
 * [-127, 127], {@code scale = max|w| / 127}, zero point 0 (axis 0 of a conv kernel
 * {@code [out, in, kh, kw]}, axis 1 of a dense kernel {@code [in, out]}). A channel of all
 * zeros gets scale 1 and quantises to zeros (no NaN). The scale and zero point formulas are
 * those of {@link QuantSpec#fromRange}.
 */
public final class WeightQuantizer {

    private WeightQuantizer() {
    }

    /** TFLite's int8 weights: symmetric per-channel int8 in [-127, 127] along {@code axis}. */
    public static QuantSpec int8PerChannel(float[] w, int[] shape, int axis) {
        return perChannel(w, shape, axis, 8, true, true);
    }

    /**
     * One scale and zero point for the whole tensor: e.g. {@code (8, true, true)} int8 in
     * [-127, 127]; {@code (8, false, false)} uint8 with {@code scale = (max - min) / 255} over
     * the range widened to include 0 and {@code zeroPoint = round(-min / scale)};
     * {@code (4, true, true)} int4 in [-7, 7]; {@code (4, false, false)} uint4 in [0, 15].
     */
    public static QuantSpec perTensor(float[] w, int bits, boolean signed, boolean symmetric) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            float x = w[i];
            checkFinite(x, i);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        if (w.length == 0) {
            min = max = 0f;
        }
        return QuantSpec.fromRange(bits, signed, symmetric, min, max);
    }

    /** One scale and zero point per slice along {@code axis} of a tensor laid out as shape. */
    public static QuantSpec perChannel(float[] w, int[] shape, int axis, int bits,
            boolean signed, boolean symmetric) {
        Channels ch = Channels.of("quantize", shape, axis, w.length);
        float[] mins = new float[ch.count()];
        float[] maxs = new float[ch.count()];
        for (int c = 0; c < ch.count(); c++) {
            float min = ch.outer() * ch.inner() == 0 ? 0f : Float.POSITIVE_INFINITY;
            float max = ch.outer() * ch.inner() == 0 ? 0f : Float.NEGATIVE_INFINITY;
            boolean finite = true;
            for (int o = 0; o < ch.outer(); o++) {
                int start = ch.start(o, c);
                for (int i = start; i < start + ch.inner(); i++) {
                    float x = w[i];
                    min = x < min ? x : min; // plain compares: no NaN/-0 branches in the loop
                    max = x > max ? x : max;
                    finite &= x - x == 0f; // false for NaN and infinities
                }
            }
            if (!finite) {
                for (int o = 0; o < ch.outer(); o++) {
                    for (int i = ch.start(o, c); i < ch.start(o, c) + ch.inner(); i++) {
                        checkFinite(w[i], i);
                    }
                }
            }
            mins[c] = min;
            maxs[c] = max;
        }
        return QuantSpec.fromRanges(bits, signed, symmetric, axis, mins, maxs);
    }

    private static void checkFinite(float x, int i) {
        if (!Float.isFinite(x)) {
            throw new InvalidInputException("quantize: weight " + i + " is " + x
                    + "; only finite weights can be quantised");
        }
    }
}
