package mcs.runtime.keras;

/**
 * Moves Keras (channels-last) weights into mcs (channels-first) order. All arrays are flat,
 * row-major.
 */
final class KernelLayout {

    private KernelLayout() {
    }

    /** A Conv2D kernel {@code [kh, kw, in, out]} as {@code [out, in, kh, kw]}. */
    static float[] conv(float[] k, int kh, int kw, int in, int out) {
        float[] r = new float[k.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    int src = ((y * kw + x) * in + i) * out;
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = k[src + o];
                    }
                }
            }
        }
        return r;
    }

    /**
     * A DepthwiseConv2D kernel {@code [kh, kw, in, multiplier]} as a grouped convolution kernel
     * {@code [in * multiplier, 1, kh, kw]}: output channel {@code i * multiplier + m} reads input
     * channel {@code i}, as in Keras.
     */
    static float[] depthwise(float[] k, int kh, int kw, int in, int multiplier) {
        return conv(k, kh, kw, 1, in * multiplier);
    }

    /**
     * The order in which a channels-first image {@code [c, h, w]} flattened by mcs lists the
     * features of the same image flattened by Keras ({@code [h, w, c]}): entry {@code r} is the
     * Keras index of mcs feature {@code r}.
     */
    static int[] flattenOrder(int c, int h, int w) {
        int[] perm = new int[c * h * w];
        int r = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    perm[r++] = (y * w + x) * c + ch;
                }
            }
        }
        return perm;
    }

    /** Rows of a {@code [rows, cols]} matrix picked in this order. */
    static float[] rows(float[] m, int cols, int[] order) {
        float[] r = new float[m.length];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(m, order[i] * cols, r, i * cols, cols);
        }
        return r;
    }
}
