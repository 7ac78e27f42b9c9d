package mcs.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.quant.TestData;
import org.junit.jupiter.api.Test;

class ClusteringTest {

    private static float[] gaussian(int n, long seed) {
        return TestData.gaussian(n, seed, 0.05);
    }

    private static float[] pruned(int n, double sparsity, long seed) {
        Random r = new Random(seed);
        float[] x = gaussian(n, seed);
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < sparsity) {
                x[i] = 0f;
            }
        }
        return x;
    }

    private static Set<Float> distinct(float[] x) {
        Set<Float> s = new HashSet<>();
        for (float v : x) {
            s.add(v);
        }
        return s;
    }

    @Test
    void matchesNaiveLloydWithTheSameInit() {
        for (CentroidInit init : CentroidInit.values()) {
            float[] w = gaussian(4000, init.ordinal());
            Codebook cb = Clustering.cluster(w, 16, init, false, 77);
            float[] start = KMeans1D.of(w).initialCentroids(init, 16, 77);
            NaiveLloyd ref = NaiveLloyd.run(w, start, KMeans1D.DEFAULT_MAX_ITERATIONS);
            assertThat(cb.reconstruct()).as(init.name()).containsExactly(ref.reconstruct(w));
            assertThat(cb.centroids()).isSorted();
            assertThat(cb.zeroIndex()).isEqualTo(-1);
        }
    }

    @Test
    void eachWeightGetsItsNearestCentroid() {
        float[] w = gaussian(3000, 8);
        Codebook cb = Clustering.cluster(w, 8, CentroidInit.DENSITY, false, 1);
        float[] c = cb.centroids();
        for (int i = 0; i < w.length; i++) {
            float got = c[cb.index(i)];
            for (float other : c) {
                assertThat(Math.abs(w[i] - got)).isLessThanOrEqualTo(Math.abs(w[i] - other));
            }
        }
    }

    @Test
    void isPureAndDeterministic() {
        float[] w = gaussian(2000, 9);
        float[] copy = w.clone();
        for (CentroidInit init : CentroidInit.values()) {
            Codebook a = Clustering.cluster(w, 8, init, true, 5);
            Codebook b = Clustering.cluster(w, 8, init, true, 5);
            assertThat(a).isEqualTo(b);
        }
        assertThat(w).containsExactly(copy);
    }

    @Test
    void sparsityPreservingKeepsZerosExactlyZero() {
        float[] w = pruned(20_000, 0.8, 10);
        for (CentroidInit init : CentroidInit.values()) {
            Codebook cb = Clustering.cluster(w, 8, init, true, 3);
            float[] r = cb.reconstruct();
            Set<Float> nonZero = new HashSet<>();
            for (int i = 0; i < w.length; i++) {
                assertThat(r[i] == 0f).as("index %d", i).isEqualTo(w[i] == 0f);
                if (r[i] != 0f) {
                    nonZero.add(r[i]);
                }
            }
            // k = 8 counts the reserved zero: at most 7 non-zero shared values
            assertThat(nonZero.size()).isLessThanOrEqualTo(7);
            assertThat(cb.size()).isLessThanOrEqualTo(8);
            assertThat(cb.zeroIndex()).isNotNegative();
            assertThat(cb.centroid(cb.zeroIndex())).isZero();
            assertThat(cb.centroids()).isSorted();
        }
    }

    @Test
    void withoutSparsityPreservationZerosAreOrdinaryValues() {
        float[] w = pruned(5000, 0.8, 11);
        Codebook cb = Clustering.cluster(w, 4, CentroidInit.LINEAR, false, 3);
        assertThat(cb.zeroIndex()).isEqualTo(-1);
        assertThat(distinct(cb.reconstruct()).size()).isLessThanOrEqualTo(4);
    }

    @Test
    void splitsNonZeroClustersBetweenSignsAsTfmot() {
        // 30 negative, 70 positive, zeros present, k = 11: 10 non-zero clusters,
        // round(10 * 30 / 100) = 3 negative and 7 positive, each side linear on its own range
        float[] w = new float[120];
        int i = 0;
        for (int v = -3; v <= 7; v++) {
            for (int rep = 0; rep < 10 && v != 0; rep++) {
                w[i++] = v;
            }
        }
        // the remaining 20 entries stay 0
        Codebook cb = Clustering.cluster(w, 11, CentroidInit.LINEAR, true, 0);
        assertThat(cb.centroids()).containsExactly(-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(cb.zeroIndex()).isEqualTo(3);
        assertThat(cb.reconstruct()).containsExactly(w);
    }

    @Test
    void withoutZerosSparsityPreservationUsesAllKClusters() {
        float[] w = {-2, -1, 1, 2, 3, 4};
        Codebook cb = Clustering.cluster(w, 6, CentroidInit.LINEAR, true, 0);
        assertThat(cb.zeroIndex()).isEqualTo(-1);
        assertThat(cb.size()).isEqualTo(6);
        assertThat(cb.reconstruct()).containsExactly(w);
    }

    @Test
    void allZerosGiveOnlyTheZeroCentroid() {
        Codebook cb = Clustering.cluster(new float[10], 4, CentroidInit.LINEAR, true, 0);
        assertThat(cb.centroids()).containsExactly(0f);
        assertThat(cb.reconstruct()).containsOnly(0f);
    }

    @Test
    void fewerDistinctValuesThanKGiveFewerClusters() {
        float[] w = {1, 1, 2, 2, 3, 1, 3};
        for (CentroidInit init : CentroidInit.values()) {
            Codebook cb = Clustering.cluster(w, 8, init, false, 4);
            assertThat(cb.centroids()).as(init.name()).containsExactly(1f, 2f, 3f);
            assertThat(cb.reconstruct()).containsExactly(w);
        }
    }

    @Test
    void manyClustersUseTwoByteIndices() {
        float[] w = gaussian(20_000, 12);
        Codebook cb = Clustering.cluster(w, 1000, CentroidInit.LINEAR, false, 0);
        assertThat(cb.size()).isGreaterThan(256).isLessThanOrEqualTo(1000);
        float[] c = cb.centroids();
        float[] r = cb.reconstruct();
        for (int i = 0; i < w.length; i += 97) {
            assertThat(r[i]).isEqualTo(c[cb.index(i)]);
            assertThat(cb.index(i)).isBetween(0, cb.size() - 1);
        }
        assertThat(Clustering.cluster(w, 1 << 16, CentroidInit.DENSITY, false, 0).size())
                .isLessThanOrEqualTo(w.length);
    }

    @Test
    void perChannelClustersEachOutputChannelOfAConvKernel() {
        int[] shape = {4, 2, 3, 3};
        float[] w = gaussian(4 * 18, 13);
        Codebook[] books = Clustering.clusterPerChannel(w, shape, 0, 4, CentroidInit.LINEAR,
                false, 7);
        assertThat(books).hasSize(4);
        for (int c = 0; c < 4; c++) {
            float[] slice = new float[18];
            System.arraycopy(w, c * 18, slice, 0, 18);
            assertThat(books[c]).isEqualTo(Clustering.cluster(slice, 4, CentroidInit.LINEAR,
                    false, Clustering.channelSeed(7, c)));
            assertThat(distinct(books[c].reconstruct()).size()).isLessThanOrEqualTo(4);
        }
        float[] back = Clustering.reconstructPerChannel(books, shape, 0);
        for (int c = 0; c < 4; c++) {
            float[] r = books[c].reconstruct();
            for (int i = 0; i < 18; i++) {
                assertThat(back[c * 18 + i]).isEqualTo(r[i]);
            }
        }
    }

    @Test
    void perChannelOnADenseKernelUsesColumns() {
        int in = 6, out = 3;
        float[] w = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                w[i * out + o] = o * 100 + i; // column o holds o*100 + 0..5
            }
        }
        Codebook[] books = Clustering.clusterPerChannel(w, new int[] {in, out}, 1, 8,
                CentroidInit.LINEAR, false, 0);
        for (int o = 0; o < out; o++) {
            assertThat(books[o].centroids()).containsExactly(o * 100f, o * 100f + 1,
                    o * 100f + 2, o * 100f + 3, o * 100f + 4, o * 100f + 5);
        }
        assertThat(Clustering.reconstructPerChannel(books, new int[] {in, out}, 1))
                .containsExactly(w);
    }

    @Test
    void gradientsAreSummedPerCentroidAndTheZeroStaysPut() {
        Codebook cb = Codebook.of(new float[] {-1f, 0f, 2f}, new int[] {0, 1, 2, 2, 0, 1}, 1);
        float[] g = {0.5f, 9f, -1f, 0.25f, 1.5f, 3f};
        assertThat(Clustering.gradientsPerCentroid(g, cb)).containsExactly(2f, 0f, -0.75f);
        Codebook plain = Codebook.of(new float[] {-1f, 0f, 2f}, new int[] {0, 1, 2, 2, 0, 1});
        assertThat(Clustering.gradientsPerCentroid(g, plain)).containsExactly(2f, 12f, -0.75f);
    }

    @Test
    void trainedCentroidsReplaceTheOldOnes() {
        float[] w = pruned(1000, 0.5, 14);
        Codebook cb = Clustering.cluster(w, 4, CentroidInit.LINEAR, true, 0);
        float[] g = gaussian(1000, 15);
        float[] grad = Clustering.gradientsPerCentroid(g, cb);
        float[] c = cb.centroids();
        for (int j = 0; j < c.length; j++) {
            c[j] -= 0.1f * grad[j];
        }
        Codebook trained = cb.withCentroids(c);
        assertThat(trained.indices()).containsExactly(cb.indices());
        float[] r = trained.reconstruct();
        for (int i = 0; i < w.length; i++) {
            assertThat(r[i] == 0f).isEqualTo(w[i] == 0f);
        }
    }

    @Test
    void rejectsBadSettingsWithClearMessages() {
        float[] w = gaussian(100, 1);
        assertThatThrownBy(() -> Clustering.cluster(w, 1, CentroidInit.LINEAR, false, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cluster: k must be at least 2, got 1");
        assertThatThrownBy(() -> Clustering.cluster(w, 70_000, CentroidInit.LINEAR, false, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cluster: k must be at most 65536, got 70000");
        float[] bad = w.clone();
        bad[7] = Float.NaN;
        assertThatThrownBy(() -> Clustering.cluster(bad, 4, CentroidInit.LINEAR, false, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weight 7 is NaN");
        assertThatThrownBy(() -> Clustering.clusterPerChannel(w, new int[] {10, 10}, 2, 4,
                CentroidInit.LINEAR, false, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cluster: axis 2 is out of range for a tensor of rank 2");
    }
}
