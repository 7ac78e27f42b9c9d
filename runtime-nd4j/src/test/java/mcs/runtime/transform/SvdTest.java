package mcs.runtime.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SVD against its definition: reconstruction, orthonormality, order; energy ranks. */
class SvdTest {

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
