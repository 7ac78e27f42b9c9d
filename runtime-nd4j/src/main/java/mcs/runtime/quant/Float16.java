package mcs.runtime.quant;

/**
 * IEEE 754 binary16 (half precision, fp16): 1 sign bit, 5 exponent bits (bias 15), 10 fraction
 * bits; largest finite 65504, smallest normal 2^-14, smallest subnormal 2^-24.
 *
 * <p>Conversion from float rounds to nearest, ties to even, as IEEE 754 and Java 20's
 * {@code Float.floatToFloat16} (not available on Java 17, hence this class): values from 65520
 * up overflow to infinity, values below 2^-24 in magnitude become subnormals or (at most
 * 2^-25) signed zero; infinities stay infinite; NaN stays NaN (the top fraction bits kept, made
 * quiet). Conversion to float is exact.
 */
public final class Float16 {

    /** The largest finite half value, 65504. */
    public static final float MAX_VALUE = 65504f;

    private Float16() {
    }

    /** The half nearest to {@code f} (ties to even), as its 16 bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs >= 0x7F800000) { // infinity or NaN
            if (abs == 0x7F800000) {
                return (short) (sign | 0x7C00);
            }
            return (short) (sign | 0x7E00 | ((abs >>> 13) & 0x3FF));
        }
        if (abs >= 0x47800000) { // 65536 and above: past the largest half even after rounding
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x38800000) { // below 2^-14: subnormal half, in units of 2^-24 (exact)
            float units = Float.intBitsToFloat(abs) * 0x1p24f;
            return (short) (sign | (int) Math.rint(units)); // 1024 units is the smallest normal
        }
        int exponent = (abs >>> 23) - 127 + 15; // 1..16 here, carries may reach 31 (infinity)
        int mantissa = abs & 0x7FFFFF;
        int half = (exponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // a carry into the exponent is the correct next value
        }
        return (short) (sign | half);
    }

    /** The float equal to the half with these bits. */
    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int fraction = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f; // zero or subnormal, exact
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }

    /** {@code f} rounded to the nearest half value. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    /** Rounds every value to the nearest half value, in place (an fp16 round trip). */
    public static void roundInPlace(float[] x) {
        ShortFloats.roundInPlace(x, Float16::fromFloat, Float16::toFloat);
    }

    /** The halves nearest to {@code x}. */
    public static short[] encode(float[] x) {
        return ShortFloats.encode(x, Float16::fromFloat);
    }

    /** The floats equal to {@code h}. */
    public static float[] decode(short[] h) {
        return ShortFloats.decode(h, Float16::toFloat);
    }
}
