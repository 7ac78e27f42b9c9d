package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class ObserverTest {

    private static float[] gaussian(int n, long seed) {
        return TestData.gaussian(n, seed, 1);
    }

    private static void observeInBatches(Observer o, float[] x, int batch) {
        for (int from = 0; from < x.length; from += batch) {
            o.observe(x, from, Math.min(batch, x.length - from));
        }
    }

    @Test
    void minMaxOverBatches() {
        MinMaxObserver o = new MinMaxObserver();
        o.observe(new float[] {9f, 0.5f, -1f, 9f}, 1, 2);
        o.observe(new float[] {3f, 2f});
        assertThat(o.range()).containsExactly(-1f, 3f);
        assertThat(o.count()).isEqualTo(4);
        assertThat(o.spec(8, false)).isEqualTo(QuantSpec.fromRange(8, false, false, -1f, 3f));
        assertThat(o.spec(8, true)).isEqualTo(QuantSpec.fromRange(8, true, true, -1f, 3f));
    }

    @Test
    void percentileOfGaussianMagnitudes() {
        PercentileObserver o = new PercentileObserver(99.99);
        observeInBatches(o, gaussian(1_000_000, 1), 4096);
        // P(|Z| < 3.8906) = 0.9999 for a standard normal
        float[] r = o.range();
        assertThat((double) r[1]).isCloseTo(3.8906, within(0.05));
        assertThat(r[0]).isEqualTo(-r[1]);
        QuantSpec s = o.spec(8, true);
        assertThat(s.scale(0)).isEqualTo(r[1] / 127f);
    }

    @Test
    void percentileMatchesTheReferenceOnTheHistogram() {
        Random rnd = new Random(2);
        for (int t = 0; t < 20; t++) {
            long[] counts = new long[300];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1000);
            }
            double p = 50 + 50 * rnd.nextDouble();
            assertThat(PercentileObserver.threshold(counts, p))
                    .isEqualTo(referencePercentile(counts, p));
        }
    }

    /** numpy: cdf = cumsum(hist / total); searchsorted(cdf, p / 100) (side left). */
    private static int referencePercentile(long[] hist, double percentile) {
        double total = 0;
        for (long c : hist) {
            total += c;
        }
        double cdf = 0;
        for (int i = 0; i < hist.length; i++) {
            cdf += hist[i] / total;
            if (cdf >= percentile / 100 - 1e-12) {
                return i;
            }
        }
        return hist.length;
    }

    @Test
    void mseThresholdNearlyMinimisesTheErrorOnTheRawData() {
        float[] x = gaussian(200_000, 3);
        MseObserver o = new MseObserver();
        observeInBatches(o, x, 10_000);
        double chosen = o.range()[1];
        double best = Double.POSITIVE_INFINITY;
        for (double t = 1.0; t <= 5.0; t += 0.005) {
            best = Math.min(best, rawMse(x, t));
        }
        assertThat(rawMse(x, chosen)).isLessThanOrEqualTo(best * 1.03);
        assertThat(chosen).isBetween(2.0, 5.0);
    }

    private static double rawMse(float[] x, double t) {
        double scale = t / 127, e = 0;
        for (float v : x) {
            double q = Math.max(-127, Math.min(127, Math.rint(v / scale))) * scale;
            e += (q - v) * (q - v);
        }
        return e / x.length;
    }

    @Test
    void mseMatchesTheReferenceOnTheHistogram() {
        Random rnd = new Random(4);
        for (int t = 0; t < 10; t++) {
            long[] counts = new long[400];
            for (int b = 0; b < counts.length; b++) {
                counts[b] = (long) (10_000 * Math.exp(-b / 40.0) * rnd.nextDouble());
            }
            float[] centers = MseObserver.centers(counts.length, 0.01);
            for (int maxBound : new int[] {127, 255, 7}) {
                assertThat(MseObserver.threshold(counts, centers, maxBound))
                        .isEqualTo(referenceMse(counts, 0.01, maxBound));
            }
        }
    }

    /** pytorch-quantization's _compute_amax_mse over bin centers, start bin 128. */
    private static int referenceMse(long[] hist, double width, int maxBound) {
        int best = -1;
        double bestMse = Double.POSITIVE_INFINITY;
        for (int i = 128; i < hist.length; i++) {
            float amax = (float) ((i + 0.5) * width);
            float scale = maxBound / amax;
            double mse = 0;
            for (int b = 0; b < hist.length; b++) {
                float c = (float) ((b + 0.5) * width);
                float q = (float) Math.rint(c * scale);
                q = Math.min(q, maxBound) / scale;
                mse += (double) (q - c) * (q - c) * hist[b];
            }
            if (mse < bestMse) {
                bestMse = mse;
                best = i;
            }
        }
        return best;
    }

    @Test
    void entropyMatchesTheReferenceOnTheHistogram() {
        Random rnd = new Random(5);
        for (int t = 0; t < 6; t++) {
            long[] counts = new long[300 + rnd.nextInt(300)];
            for (int b = 0; b < counts.length; b++) {
                double density = 5000 * Math.exp(-b / (30.0 + 20 * t));
                counts[b] = rnd.nextInt(5) == 0 ? 0 : (long) (density * rnd.nextDouble());
            }
            counts[counts.length - 1] += 3; // a few outliers at the end
            for (int levels : new int[] {128, 256, 8}) {
                assertThat(EntropyObserver.threshold(counts, levels)).as("t=%d levels=%d", t,
                        levels).isEqualTo(referenceEntropy(counts, levels));
            }
        }
    }

    /** A literal transcription of pytorch-quantization's _compute_amax_entropy (stride 1). */
    private static int referenceEntropy(long[] hist, int nbins) {
        double[] bins = new double[hist.length];
        for (int b = 0; b < hist.length; b++) {
            bins[b] = hist[b];
        }
        bins[0] = bins[1];
        int best = -1;
        double bestDivergence = Double.POSITIVE_INFINITY;
        for (int i = 128; i <= bins.length; i++) {
            double[] space = new double[nbins + 1]; // np.linspace(0, i, nbins + 1)
            for (int k = 0; k <= nbins; k++) {
                space[k] = k == nbins ? i : k * ((double) i / nbins);
            }
            int[] digitized = new int[i];
            for (int j = 0; j < i; j++) {
                int idx = 0; // np.digitize: the number of edges <= j
                while (idx < space.length && space[idx] <= j) {
                    idx++;
                }
                digitized[j] = bins[j] == 0 ? -1 : idx - 1;
            }
            double[] newCounts = new double[nbins];
            int[] counter = new int[nbins];
            for (int j = 0; j < i; j++) {
                if (digitized[j] != -1) {
                    newCounts[digitized[j]] += bins[j];
                    counter[digitized[j]]++;
                }
            }
            double[] q = new double[i];
            double[] p = new double[i];
            for (int j = 0; j < i; j++) {
                q[j] = digitized[j] != -1 ? newCounts[digitized[j]] / counter[digitized[j]] : 0;
                p[j] = bins[j];
            }
            for (int j = i; j < bins.length; j++) {
                p[i - 1] += bins[j];
            }
            double kl = scipyEntropy(p, q);
            if (kl <= bestDivergence) { // the last argmin
                bestDivergence = kl;
                best = i;
            }
        }
        return best;
    }

    private static double scipyEntropy(double[] pk, double[] qk) {
        double sp = 0, sq = 0;
        for (int j = 0; j < pk.length; j++) {
            sp += pk[j];
            sq += qk[j];
        }
        double s = 0;
        for (int j = 0; j < pk.length; j++) {
            double x = pk[j] / sp, y = qk[j] / sq;
            if (x > 0) {
                s += y > 0 ? x * Math.log(x / y) : Double.POSITIVE_INFINITY;
            }
        }
        return s;
    }

    @Test
    void entropyClipsOutliers() {
        float[] x = gaussian(100_000, 6);
        x[0] = 50f;
        x[1] = -40f;
        EntropyObserver o = new EntropyObserver();
        observeInBatches(o, x, 8192);
        float[] r = o.range();
        assertThat(r[1]).isBetween(2f, 10f);
        assertThat(r[0]).isEqualTo(-r[1]);
    }

    @Test
    void nonNegativeDataKeepsAZeroMinimum() {
        float[] x = gaussian(50_000, 7);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, x[i]); // after a ReLU
        }
        for (Observer o : new Observer[] {new PercentileObserver(), new MseObserver(),
            new EntropyObserver(), new MinMaxObserver()}) {
            o.observe(x);
            assertThat(o.range()[0]).isZero();
            assertThat(o.spec(8, false).zeroPoint(0)).isZero();
        }
    }

    @Test
    void histogramGrowsWithLaterBatchesAndKeepsEveryCount() {
        AbsHistogram h = new AbsHistogram();
        h.add(new float[] {0f, 0f}, 0, 2); // zeros before any scale is known
        h.add(new float[] {1f, -0.5f}, 0, 2);
        assertThat(h.bins()).isEqualTo(2048);
        assertThat(h.width()).isEqualTo(1.0 / 2048);
        h.add(new float[] {3f}, 0, 1);
        assertThat(h.bins()).isEqualTo(3 * 2048);
        assertThat(h.width()).isEqualTo(1.0 / 2048);
        h.add(new float[] {100f}, 0, 1);
        assertThat(h.bins()).isLessThanOrEqualTo(AbsHistogram.MAX_BINS);
        assertThat(h.bins() * h.width()).isGreaterThanOrEqualTo(100);
        long[] c = h.counts();
        long sum = 0;
        for (long v : c) {
            sum += v;
        }
        assertThat(sum).isEqualTo(6);
        assertThat(c[0]).isEqualTo(2);
        assertThat(c[c.length - 1]).isEqualTo(1);
        assertThat(h.min()).isEqualTo(-0.5f);
        assertThat(h.max()).isEqualTo(100f);
    }

    @Test
    void allZeroDataGivesAZeroRange() {
        for (Observer o : new Observer[] {new PercentileObserver(), new MseObserver(),
            new EntropyObserver(), new MinMaxObserver()}) {
            o.observe(new float[100]);
            assertThat(o.range()).containsExactly(0f, 0f);
            assertThat(o.spec(8, true).scale(0)).isEqualTo(1f);
        }
    }

    @Test
    void rejectsBadDataAndSettings() {
        for (Observer o : new Observer[] {new PercentileObserver(), new MseObserver(),
            new EntropyObserver(), new MinMaxObserver()}) {
            assertThatThrownBy(o::range).isInstanceOf(InvalidInputException.class)
                    .hasMessage("calibration: no values were observed");
            assertThatThrownBy(() -> o.observe(new float[] {1f, Float.NaN}))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("calibration: value 1 of the batch is NaN");
        }
        assertThatThrownBy(() -> new PercentileObserver(0)).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("percentile");
        assertThatThrownBy(() -> new EntropyObserver(2)).isInstanceOf(
                InvalidInputException.class).hasMessage("quantize: bits must be 4 or 8, got 2");
    }
}
