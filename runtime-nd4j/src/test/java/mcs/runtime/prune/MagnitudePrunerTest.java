package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MagnitudePrunerTest {

    @Test
    void keepsTheLargestMagnitudes() {
        float[] w = {0.1f, -0.9f, 0.3f, -0.05f, 0.7f, 0.2f};
        boolean[] m = MagnitudePruner.mask(w, 0.5);
        assertThat(m).containsExactly(false, true, true, false, true, false);
    }

    @Test
    void keptCountRoundsHalfToEvenAndKeepsAtLeastOne() {
        assertThat(MagnitudePruner.keptCount(10, 0.25)).isEqualTo(8); // 7.5 -> 8
        assertThat(MagnitudePruner.keptCount(10, 0.35)).isEqualTo(6); // 6.5 -> 6
        assertThat(MagnitudePruner.keptCount(10, 0.999)).isEqualTo(1);
        assertThat(MagnitudePruner.keptCount(400_000, 0.8)).isEqualTo(80_000);
    }

    @Test
    void tiesAreBrokenByPositionSoTheCountIsExact() {
        float[] w = {1f, 1f, 1f, 1f, 2f};
        boolean[] m = MagnitudePruner.mask(w, 0.6); // keep 2: the 2 and the first 1
        assertThat(m).containsExactly(true, false, false, false, true);
    }

    @Test
    void exactSparsityOnRandomTensors() {
        Random r = new Random(7);
        for (int n : new int[] {1, 17, 1000, 25_000}) {
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (float) r.nextGaussian();
            }
            for (double s : new double[] {0.0, 0.5, 0.8, 0.95}) {
                boolean[] m = MagnitudePruner.mask(w, s);
                int kept = 0;
                float minKept = Float.MAX_VALUE, maxDropped = 0;
                for (int i = 0; i < n; i++) {
                    if (m[i]) {
                        kept++;
                        minKept = Math.min(minKept, Math.abs(w[i]));
                    } else {
                        maxDropped = Math.max(maxDropped, Math.abs(w[i]));
                    }
                }
                assertThat(kept).isEqualTo(MagnitudePruner.keptCount(n, s));
                assertThat(minKept).isGreaterThanOrEqualTo(maxDropped);
            }
        }
    }
}
