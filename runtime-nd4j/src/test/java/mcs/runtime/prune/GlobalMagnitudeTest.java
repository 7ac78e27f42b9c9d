package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class GlobalMagnitudeTest {

    /** The reference: sort all (|w|, tensor, position) and keep the first keep of them. */
    private static boolean[][] sortedReference(List<float[]> ts, long keep) {
        List<long[]> all = new ArrayList<>();
        for (int t = 0; t < ts.size(); t++) {
            for (int i = 0; i < ts.get(t).length; i++) {
                all.add(new long[] {t, i});
            }
        }
        all.sort((a, b) -> {
            float ma = Math.abs(ts.get((int) a[0])[(int) a[1]]);
            float mb = Math.abs(ts.get((int) b[0])[(int) b[1]]);
            int c = Float.compare(mb, ma); // larger magnitude first
            return c != 0 ? c : a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
        });
        boolean[][] m = new boolean[ts.size()][];
        for (int t = 0; t < ts.size(); t++) {
            m[t] = new boolean[ts.get(t).length];
        }
        for (int j = 0; j < keep; j++) {
            m[(int) all.get(j)[0]][(int) all.get(j)[1]] = true;
        }
        return m;
    }

    private static List<float[]> tensors(long seed, int levels, int... sizes) {
        Random r = new Random(seed);
        List<float[]> ts = new ArrayList<>();
        for (int n : sizes) {
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                double g = r.nextGaussian() * (1 + r.nextInt(3));
                w[i] = levels > 0 ? (float) Math.rint(g * levels) / levels : (float) g;
            }
            ts.add(w);
        }
        return ts;
    }

    @Test
    void matchesSortingOnContinuousAndTiedValues() {
        for (int levels : new int[] {0, 4, 1000}) {
            List<float[]> ts = tensors(levels + 7, levels, 3000, 1, 70_000, 300_000);
            for (double s : new double[] {0, 0.3, 0.5, 0.9, 0.999, 0.99999999}) {
                long n = 373_001;
                long keep = Math.max((long) Math.rint(n * (1 - s)), 1); // half to even
                boolean[][] got = GlobalMagnitude.masks(ts, s);
                boolean[][] want = sortedReference(ts, GlobalMagnitude.keptCount(n, s));
                for (int t = 0; t < ts.size(); t++) {
                    assertThat(got[t]).as("levels %d, s %s, tensor %d", levels, s, t)
                            .isEqualTo(want[t]);
                }
                assertThat(Arrays.stream(got).mapToLong(GlobalMagnitudeTest::count).sum())
                        .isEqualTo(keep);
            }
        }
    }

    @Test
    void thresholdIsTheSmallestKeptMagnitude() {
        List<float[]> ts = tensors(3, 0, 1000, 5000);
        float[] mags = new float[6000];
        int j = 0;
        for (float[] w : ts) {
            for (float x : w) {
                mags[j++] = Math.abs(x);
            }
        }
        Arrays.sort(mags);
        GlobalMagnitude.Threshold t = GlobalMagnitude.threshold(ts, 1234);
        assertThat(t.magnitude()).isEqualTo(mags[6000 - 1234]);
        assertThat(t.above()).isEqualTo(1233);
    }

    @Test
    void zerosSignsAndEmptyTensors() {
        List<float[]> ts = List.of(new float[] {-0f, 0f, -3f, 2f}, new float[0]);
        boolean[][] m = GlobalMagnitude.masks(ts, 0.5);
        assertThat(m[0]).containsExactly(false, false, true, true);
        assertThat(m[1]).isEmpty();
        assertThat(GlobalMagnitude.masks(List.of(), 0.5)).isEmpty();
    }

    @Test
    void refusesNonFiniteWeights() {
        assertThatThrownBy(() -> GlobalMagnitude.masks(List.of(new float[] {1f, Float.NaN}), 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
    }

    private static long count(boolean[] m) {
        long c = 0;
        for (boolean b : m) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
