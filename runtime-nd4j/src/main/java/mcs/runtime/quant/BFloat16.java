package mcs.runtime.quant;

/**
 * bfloat16: the top 16 bits of a float (1 sign, 8 exponent, 7 fraction bits), so it has
 * float's range with 8 bits of precision.
 *
 * <p>Conversion from float rounds to nearest, ties to even, on the dropped 16 bits (as
 * PyTorch's and TensorFlow's round-to-nearest-even conversions); values past the largest
 * bfloat16 round to infinity, subnormals round like any other value, NaN stays NaN (made
 * quiet). Conversion to float is exact.
 */
public final class BFloat16 {

    private BFloat16() {
    }

    /** The bfloat16 nearest to {@code f} (ties to even), as its 16 bits. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) { // NaN: keep the sign and top fraction bits
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    /** The float equal to the bfloat16 with these bits. */
    public static float toFloat(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** {@code f} rounded to the nearest bfloat16 value. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    /** Rounds every value to the nearest bfloat16 value, in place (a bf16 round trip). */
    public static void roundInPlace(float[] x) {
        ShortFloats.roundInPlace(x, BFloat16::fromFloat, BFloat16::toFloat);
    }

    /** The bfloat16 values nearest to {@code x}. */
    public static short[] encode(float[] x) {
        return ShortFloats.encode(x, BFloat16::fromFloat);
    }

    /** The floats equal to {@code b}. */
    public static float[] decode(short[] b) {
        return ShortFloats.decode(b, BFloat16::toFloat);
    }
}
