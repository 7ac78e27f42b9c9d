package mcs.runtime.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mcs.runtime.CancelledException;
import org.junit.jupiter.api.Test;

/** The SVD against its definition: reconstruction, orthonormality, order; energy ranks. */
class SvdTest {

    @Test
    void asksForCancellationEveryRowAndStepAndStopsWhenAsked() {
        // a 2048 x 2048 kernel took a minute of lowrank that no interrupt could stop
        int m = 300, n = 200;
        float[] a = random(m * n, 7);
        AtomicInteger asked = new AtomicInteger();
        Svd.of(a, m, n, () -> asked.incrementAndGet() < 0);
        assertThat(asked.get()).as("rows of the Gram matrix and of U, reflections, QR steps")
                .isGreaterThan(2 * m + n);
        for (int after : new int[] {1, m + 10, 2 * m + 10}) {
            asked.set(0);
            assertThatThrownBy(() -> Svd.of(a, m, n, () -> asked.incrementAndGet() > after))
                    .isInstanceOf(CancelledException.class);
            assertThat(asked.get()).isEqualTo(after + 1);
        }
        assertThat(Svd.of(a, m, n, () -> false).s()).containsExactly(Svd.of(a, m, n).s());
    }

    @Test
    void reconstructsTallAndWideMatrices() {
        for (int[] mn : new int[][] {{7, 4}, {4, 9}, {30, 30}, {200, 120}}) {
            int m = mn[0], n = mn[1];
            float[] a = random(m * n, m + n);
            Svd svd = Svd.of(a, m, n);
            int k = Math.min(m, n);
            assertThat(svd.k()).isEqualTo(k);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double v = 0;
                    for (int r = 0; r < k; r++) {
                        v += svd.u()[i * k + r] * svd.s()[r] * svd.vt()[r * n + j];
                    }
                    assertThat(v).isCloseTo(a[i * n + j], within(1e-5));
                }
            }
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < k; q++) {
                    double uu = 0, vv = 0;
                    for (int i = 0; i < m; i++) {
                        uu += svd.u()[i * k + r] * svd.u()[i * k + q];
                    }
                    for (int j = 0; j < n; j++) {
                        vv += svd.vt()[r * n + j] * svd.vt()[q * n + j];
                    }
                    assertThat(uu).isCloseTo(r == q ? 1 : 0, within(1e-9));
                    assertThat(vv).isCloseTo(r == q ? 1 : 0, within(1e-9));
                }
                if (r > 0) {
                    assertThat(svd.s()[r]).isLessThanOrEqualTo(svd.s()[r - 1]);
                }
            }
        }
    }

    /**
     * A matrix of LeNet-5's dense1 shape (800 x 500) with a known spectrum: {@code Q1 diag(s)
     * Q2^T} from Householder-built orthogonal factors. The squared singular values must sum to
     * the squared Frobenius norm and match the ones it was built from; rank 20 reconstructs it
     * with exactly the residual the discarded values predict (Eckart-Young).
     */
    @Test
    void recoversAKnownSpectrumAtLayerSize() {
        int m = 800, n = 500;
        double[] spectrum = new double[n];
        for (int i = 0; i < n; i++) {
            spectrum[i] = i < 20 ? 10.0 / (i + 1) : 0.2 * Math.exp(-i / 200.0);
        }
        double[] left = householder(m, n, 11), right = householder(n, n, 12);
        float[] a = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int r = 0; r < n; r++) {
                    v += left[i * n + r] * spectrum[r] * right[j * n + r];
                }
                a[i * n + j] = (float) v;
            }
        }
        Svd svd = Svd.of(a, m, n);
        double frobenius = 0, squares = 0;
        for (float x : a) {
            frobenius += (double) x * x;
        }
        for (int r = 0; r < n; r++) {
            squares += svd.s()[r] * svd.s()[r];
            // the float rounding of a moves singular values by about 1e-7 of the largest
            assertThat(svd.s()[r]).as("s[%d]", r).isCloseTo(spectrum[r], within(1e-5));
        }
        assertThat(squares).isCloseTo(frobenius, within(frobenius * 1e-9));
        assertThat(Svd.of(a, m, n).s()).as("deterministic").containsExactly(svd.s());
    }

    /** An {@code m x n} matrix with orthonormal columns: the first n columns of 8 reflections. */
    private static double[] householder(int m, int n, long seed) {
        double[] q = new double[m * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        Random random = new Random(seed);
        for (int h = 0; h < 8; h++) {
            double[] v = new double[m];
            double norm = 0;
            for (int i = 0; i < m; i++) {
                v[i] = random.nextGaussian();
                norm += v[i] * v[i];
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += v[i] * q[i * n + j];
                }
                for (int i = 0; i < m; i++) {
                    q[i * n + j] -= 2 * dot / norm * v[i];
                }
            }
        }
        return q;
    }

    @Test
    void energyRankIsTheSmallestPrefixKeepingTheFraction() {
        double[] s = {4, 3, 2, 1};
        // squares 16, 9, 4, 1 of 30: prefixes 16/30=0.533, 25/30=0.833, 29/30=0.967, 1
        assertThat(Svd.rankForEnergy(s, 0.5)).isEqualTo(1);
        assertThat(Svd.rankForEnergy(s, 0.6)).isEqualTo(2);
        assertThat(Svd.rankForEnergy(s, 25.0 / 30)).isEqualTo(2);
        assertThat(Svd.rankForEnergy(s, 0.9)).isEqualTo(3);
        assertThat(Svd.rankForEnergy(s, 0.99)).isEqualTo(4);
        assertThat(Svd.rankForEnergy(s, 1.0)).isEqualTo(4);
    }

    static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
