package mcs.runtime.quant;

/**
 * Chooses the clipping threshold that minimises the quantisation error, as NVIDIA's
 * pytorch-quantization {@code _compute_amax_mse}: over a histogram of |x| (2048 bins), each bin
 * center from the 128th on is a candidate threshold t; the error of t is the count-weighted
 * mean of {@code (fakeQuant(center) - center)^2} over all bin centers, with the symmetric
 * quantiser {@code round(center * m / t) * t / m} clamped to {@code m = 2^(bits-1) - 1}
 * (or {@code 2^bits - 1} levels when no negative value was observed, as after a ReLU); the
 * first t of least error wins. The range is {@code [max(min, -t), min(max, t)]}.
 */
public final class MseObserver extends HistogramObserver.Levels implements Observer {

    /** For 8-bit quantisation. */
    public MseObserver() {
        this(8);
    }

    /** For quantisation to {@code bits} (4 or 8) bits. */
    public MseObserver(int bits) {
        super(bits);
    }

    @Override
    double threshold(int levels) {
        int maxBound = levels - 1;
        float[] centers = centers(histogram.bins(), histogram.width());
        return centers[threshold(histogram.counts(), centers, maxBound)];
    }

    static float[] centers(int bins, double width) {
        float[] c = new float[bins];
        for (int b = 0; b < bins; b++) {
            c[b] = (float) ((b + 0.5) * width);
        }
        return c;
    }

    /** The index of the center that, as threshold, gives the least error. */
    static int threshold(long[] counts, float[] centers, int maxBound) {
        int used = 0;
        int[] nonEmpty = new int[counts.length];
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] != 0) {
                nonEmpty[used++] = b;
            }
        }
        int best = Math.min(START_BIN, centers.length - 1);
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = START_BIN; i < centers.length; i++) {
            float scale = maxBound / centers[i];
            double error = 0;
            for (int u = 0; u < used; u++) {
                int b = nonEmpty[u];
                double q = Math.min(Math.rint(centers[b] * scale), maxBound);
                double d = (float) q / scale - centers[b];
                error += counts[b] * d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = i;
            }
        }
        return best;
    }
}
