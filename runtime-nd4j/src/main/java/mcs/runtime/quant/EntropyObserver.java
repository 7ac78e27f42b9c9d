package mcs.runtime.quant;

/**
 * TensorRT's entropy calibration, as NVIDIA's pytorch-quantization
 * {@code _compute_amax_entropy}: over a histogram of |x| (2048 bins, bin 0 replaced by bin 1 to
 * ignore a spike of zeros), for each candidate i from 128 bins on, the reference distribution P
 * is the first i bins with the counts beyond folded into the last, the candidate Q is those i
 * bins merged into 2^(bits-1) levels (2^bits when no negative value was observed) and spread
 * back evenly over the non-empty bins of each level; the threshold is the right edge of the
 * last i with the least KL(P || Q). The range is {@code [max(min, -t), min(max, t)]}.
 */
public final class EntropyObserver extends HistogramObserver.Levels implements Observer {

    /** For 8-bit quantisation (128 levels of |x|, TensorRT's int8). */
    public EntropyObserver() {
        this(8);
    }

    /** For quantisation to {@code bits} (4 or 8) bits. */
    public EntropyObserver(int bits) {
        super(bits);
    }

    @Override
    double threshold(int levels) {
        return threshold(histogram.counts(), levels) * histogram.width();
    }

    /** The number of bins i whose right edge is the threshold. */
    static int threshold(long[] hist, int levels) {
        int n = hist.length;
        double[] bins = new double[n];
        for (int b = 0; b < n; b++) {
            bins[b] = hist[b];
        }
        if (n > 1) {
            bins[0] = bins[1];
        }
        double[] tail = new double[n + 1]; // tail[i] = sum of bins[i..n)
        for (int b = n - 1; b >= 0; b--) {
            tail[b] = tail[b + 1] + bins[b];
        }
        int best = Math.min(START_BIN, n);
        double bestDivergence = Double.POSITIVE_INFINITY;
        double[] q = new double[n];
        for (int i = Math.min(START_BIN, n); i <= n; i++) {
            double kl = divergence(bins, tail[i], i, levels, q);
            if (kl <= bestDivergence) {
                bestDivergence = kl;
                best = i;
            }
        }
        return best;
    }

    /** KL(P || Q) for the first i bins, both normalised (scipy.stats.entropy). */
    private static double divergence(double[] bins, double outliers, int i, int levels,
            double[] q) {
        double[] levelSum = new double[levels];
        int[] levelNonEmpty = new int[levels];
        for (int j = 0; j < i; j++) {
            if (bins[j] != 0) {
                int g = (int) ((long) j * levels / i);
                levelSum[g] += bins[j];
                levelNonEmpty[g]++;
            }
        }
        double sumQ = 0, sumP = 0;
        for (int j = 0; j < i; j++) {
            int g = (int) ((long) j * levels / i);
            q[j] = bins[j] != 0 ? levelSum[g] / levelNonEmpty[g] : 0;
            sumQ += q[j];
            sumP += bins[j] + (j == i - 1 ? outliers : 0);
        }
        double kl = 0;
        for (int j = 0; j < i; j++) {
            double p = (bins[j] + (j == i - 1 ? outliers : 0)) / sumP;
            if (p > 0) {
                double qj = q[j] / sumQ;
                kl += qj > 0 ? p * Math.log(p / qj) : Double.POSITIVE_INFINITY;
            }
        }
        return kl;
    }
}
