package mcs.runtime.quant;

import java.util.Arrays;
import mcs.runtime.InvalidInputException;

/**
 * How a tensor is quantised: {@code q = saturate(round(x / scale) + zeroPoint)} into the
 * integer range {@code [qmin, qmax]}, with one scale and zero point for the whole tensor
 * ({@code axis == -1}) or one per slice along {@code axis} (per channel), as ONNX
 * QuantizeLinear and TFLite.
 *
 * <p>The integer range follows ONNX Runtime's {@code get_qmin_qmax_for_qType}: unsigned
 * {@code [0, 2^bits - 1]}; signed asymmetric {@code [-2^(bits-1), 2^(bits-1) - 1]}; signed
 * symmetric the narrow range {@code [-(2^(bits-1) - 1), 2^(bits-1) - 1]} (int8 weights in
 * [-127, 127] as TFLite, int4 in [-7, 7]). A symmetric spec has its zero point in the middle of
 * the range: 0 when signed, 2^(bits-1) when unsigned (128 for uint8).
 *
 * @param bits 4 or 8
 * @param signed int8/int4 rather than uint8/uint4
 * @param symmetric the float range is symmetric about 0 and the zero point is the middle
 * @param axis the channel axis, or {@link #PER_TENSOR}
 * @param scales one positive finite scale per channel (one for per-tensor)
 * @param zeroPoints one zero point per channel, within {@code [qmin, qmax]}
 */
public record QuantSpec(int bits, boolean signed, boolean symmetric, int axis, float[] scales,
        int[] zeroPoints) {

    /** The axis of a per-tensor spec. */
    public static final int PER_TENSOR = -1;

    public QuantSpec {
        checkBits(bits);
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
        if (axis < PER_TENSOR) {
            throw new InvalidInputException("quantize: axis must be -1 (per tensor) or a "
                    + "dimension, got " + axis);
        }
        if (scales.length != zeroPoints.length || scales.length == 0
                || (axis == PER_TENSOR && scales.length != 1)) {
            throw new InvalidInputException("quantize: expected " + (axis == PER_TENSOR ? "1"
                    : "one per channel") + " scale and zero point, got " + scales.length
                    + " scales and " + zeroPoints.length + " zero points");
        }
        int qmin = qmin(bits, signed, symmetric), qmax = qmax(bits, signed);
        for (int c = 0; c < scales.length; c++) {
            if (!(scales[c] > 0) || !Float.isFinite(scales[c])) {
                throw new InvalidInputException("quantize: scale must be positive and finite, "
                        + "got " + scales[c]);
            }
            int zp = zeroPoints[c];
            if (zp < qmin || zp > qmax || (symmetric && zp != middle(bits, signed))) {
                throw new InvalidInputException("quantize: zero point " + zp + " is not valid"
                        + " for " + describe(bits, signed, symmetric) + " (range [" + qmin
                        + ", " + qmax + "]" + (symmetric ? ", symmetric: " + middle(bits, signed)
                        : "") + ")");
            }
        }
    }

    /**
     * The spec whose range covers {@code [min, max]}, as ONNX Runtime's {@code compute_scale_zp}:
     * the range is widened to include 0 (and made {@code [-a, a]}, {@code a = max(|min|,
     * |max|)}, when symmetric); {@code scale = (max - min) / (qmax - qmin)} in float; the zero
     * point is {@code round(qmin - min / scale)} clamped to the range (or the middle when
     * symmetric). A range too small for a normal float scale (all zeros) gets scale 1.
     */
    public static QuantSpec fromRange(int bits, boolean signed, boolean symmetric, float min,
            float max) {
        return fromRanges(bits, signed, symmetric, PER_TENSOR, new float[] {min},
                new float[] {max});
    }

    /** One {@link #fromRange} per channel along {@code axis}. */
    public static QuantSpec fromRanges(int bits, boolean signed, boolean symmetric, int axis,
            float[] mins, float[] maxs) {
        checkBits(bits);
        if (mins.length != maxs.length) {
            throw new IllegalArgumentException(mins.length + " minimums, " + maxs.length
                    + " maximums");
        }
        int qmin = qmin(bits, signed, symmetric), qmax = qmax(bits, signed);
        float[] scales = new float[mins.length];
        int[] zps = new int[mins.length];
        for (int c = 0; c < mins.length; c++) {
            if (!(mins[c] <= maxs[c]) || !Float.isFinite(mins[c]) || !Float.isFinite(maxs[c])) {
                throw new InvalidInputException("quantize: a range must be finite with min <= "
                        + "max, got [" + mins[c] + ", " + maxs[c] + "]");
            }
            float rmin = Math.min(mins[c], 0f), rmax = Math.max(maxs[c], 0f);
            if (symmetric) {
                float a = Math.max(-rmin, rmax);
                rmin = -a;
                rmax = a;
            }
            float scale = (rmax - rmin) / (float) (qmax - qmin);
            if (Float.isInfinite(scale)) {
                throw new InvalidInputException("quantize: range [" + mins[c] + ", " + maxs[c]
                        + "] is too wide to quantise");
            }
            if (scale < Float.MIN_NORMAL) {
                scales[c] = 1f;
                zps[c] = symmetric ? middle(bits, signed) : 0;
            } else {
                scales[c] = scale;
                zps[c] = symmetric ? middle(bits, signed)
                        : (int) Math.max(qmin, Math.min(qmax, Math.rint(qmin - rmin / scale)));
            }
        }
        return new QuantSpec(bits, signed, symmetric, axis, scales, zps);
    }

    /** The smallest integer value. */
    public int qmin() {
        return qmin(bits, signed, symmetric);
    }

    /** The largest integer value. */
    public int qmax() {
        return qmax(bits, signed);
    }

    public boolean perChannel() {
        return axis != PER_TENSOR;
    }

    /** The number of scales: 1 per tensor, else the number of channels. */
    public int channels() {
        return scales.length;
    }

    public float scale(int channel) {
        return scales[channel];
    }

    public int zeroPoint(int channel) {
        return zeroPoints[channel];
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    static int qmin(int bits, boolean signed, boolean symmetric) {
        if (!signed) {
            return 0;
        }
        return symmetric ? -(1 << (bits - 1)) + 1 : -(1 << (bits - 1));
    }

    static int qmax(int bits, boolean signed) {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    static int middle(int bits, boolean signed) {
        return signed ? 0 : 1 << (bits - 1);
    }

    static void checkBits(int bits) {
        if (bits != 4 && bits != 8) {
            throw new InvalidInputException("quantize: bits must be 4 or 8, got " + bits);
        }
    }

    private static String describe(int bits, boolean signed, boolean symmetric) {
        return (signed ? "int" : "uint") + bits + (symmetric ? " symmetric" : " asymmetric");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantSpec s && bits == s.bits && signed == s.signed
                && symmetric == s.symmetric && axis == s.axis
                && Arrays.equals(scales, s.scales) && Arrays.equals(zeroPoints, s.zeroPoints);
    }

    @Override
    public int hashCode() {
        return ((bits * 31 + axis) * 31 + Arrays.hashCode(scales)) * 31
                + Arrays.hashCode(zeroPoints) + (signed ? 2 : 0) + (symmetric ? 1 : 0);
    }

    @Override
    public String toString() {
        String where = axis == PER_TENSOR ? "per tensor" : "per channel (axis " + axis + ")";
        return "QuantSpec[" + describe(bits, signed, symmetric) + " [" + qmin() + ", " + qmax()
                + "], " + where + ", scales=" + Arrays.toString(scales) + ", zeroPoints="
                + Arrays.toString(zeroPoints) + "]";
    }
}
