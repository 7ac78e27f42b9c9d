package mcs.runtime.quant;

/**
 * The array conversions shared by the 16-bit float formats ({@link Float16},
 * {@link BFloat16}): each format gives its own conversion of one value.
 */
final class ShortFloats {

    /** One format's float to 16 bits conversion. */
    @FunctionalInterface
    interface Encoder {
        short fromFloat(float f);
    }

    /** One format's 16 bits to float conversion. */
    @FunctionalInterface
    interface Decoder {
        float toFloat(short bits);
    }

    private ShortFloats() {
    }

    /** Rounds every value to the nearest value of the format, in place (a round trip). */
    static void roundInPlace(float[] x, Encoder encoder, Decoder decoder) {
        for (int i = 0; i < x.length; i++) {
            x[i] = decoder.toFloat(encoder.fromFloat(x[i]));
        }
    }

    /** The 16-bit values nearest to {@code x}. */
    static short[] encode(float[] x, Encoder encoder) {
        short[] b = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = encoder.fromFloat(x[i]);
        }
        return b;
    }

    /** The floats equal to {@code b}. */
    static float[] decode(short[] b, Decoder decoder) {
        float[] x = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            x[i] = decoder.toFloat(b[i]);
        }
        return x;
    }
}
