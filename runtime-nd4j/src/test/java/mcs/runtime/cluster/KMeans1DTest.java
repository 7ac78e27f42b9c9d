package mcs.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import mcs.runtime.quant.TestData;
import org.junit.jupiter.api.Test;

class KMeans1DTest {

    @Test
    void threeSeparatedBlobsGiveTheirMeans() {
        Random r = new Random(3);
        double[] centers = {-5, 0.5, 7};
        float[] x = new float[3000];
        double[] mean = new double[3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (centers[i % 3] + 0.1 * r.nextGaussian());
            mean[i % 3] += x[i] / 1000.0;
        }
        for (CentroidInit init : CentroidInit.values()) {
            KMeans1D km = KMeans1D.of(x);
            KMeans1D.Result res = km.fit(km.initialCentroids(init, 3, 11), 100);
            assertThat(res.converged()).as(init.name()).isTrue();
            assertThat(res.counts()).as(init.name()).containsExactly(1000, 1000, 1000);
            for (int j = 0; j < 3; j++) {
                assertThat((double) res.centroids()[j]).isCloseTo(mean[j], within(1e-5));
            }
        }
    }

    @Test
    void equalsNaiveLloydOnRandomData() {
        Random r = new Random(5);
        for (int trial = 0; trial < 12; trial++) {
            int n = 200 + r.nextInt(3000);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (trial % 2 == 0 ? r.nextGaussian() : r.nextDouble() * 4 - 1);
            }
            int k = 2 + r.nextInt(20);
            CentroidInit init = CentroidInit.values()[trial % 4];
            KMeans1D km = KMeans1D.of(x);
            float[] start = km.initialCentroids(init, k, trial);
            KMeans1D.Result res = km.fit(start, 500);
            NaiveLloyd ref = NaiveLloyd.run(x, start, 500);
            assertThat(res.counts()).as("trial %d", trial).containsExactly(ref.counts);
            assertThat(res.iterations()).isEqualTo(ref.iterations);
            for (int j = 0; j < start.length; j++) {
                assertThat((double) res.centroids()[j]).isCloseTo(ref.centroids[j],
                        within(1e-6));
            }
        }
    }

    @Test
    void stopsAtTheIterationLimit() {
        float[] x = TestData.gaussian(5000, 1, 1);
        KMeans1D km = KMeans1D.of(x);
        float[] start = km.initialCentroids(CentroidInit.LINEAR, 16, 0);
        KMeans1D.Result two = km.fit(start, 2);
        assertThat(two.iterations()).isEqualTo(2);
        assertThat(two.converged()).isFalse();
        KMeans1D.Result none = km.fit(start, 0);
        assertThat(none.centroids()).containsExactly(start);
        NaiveLloyd ref = NaiveLloyd.run(x, start, 2);
        assertThat(two.counts()).containsExactly(ref.counts);
    }

    @Test
    void emptyClusterKeepsItsCentroid() {
        float[] x = {0f, 0.1f, 0.2f, 9.8f, 9.9f, 10f};
        KMeans1D.Result res = KMeans1D.of(x).fit(new float[] {0f, 5f, 10f}, 50);
        assertThat(res.counts()).containsExactly(3, 0, 3);
        assertThat(res.centroids()[1]).isEqualTo(5f);
        assertThat(res.effectiveClusters()).isEqualTo(2);
        assertThat(res.converged()).isTrue();
    }

    @Test
    void duplicateCentroidsSplitTheirValues() {
        float[] x = {1, 2, 3, 4, 5, 6};
        KMeans1D.Result res = KMeans1D.of(x).fit(new float[] {3.5f, 3.5f}, 50);
        assertThat(res.counts()).containsExactly(3, 3);
        assertThat(res.centroids()).containsExactly(2f, 5f);
    }

    @Test
    void initialCentroidsAreSortedAndDeterministic() {
        float[] x = TestData.gaussian(1000, 2, 1);
        KMeans1D km = KMeans1D.of(x);
        for (CentroidInit init : CentroidInit.values()) {
            float[] a = km.initialCentroids(init, 8, 42);
            assertThat(a).isSorted().hasSize(8);
            assertThat(km.initialCentroids(init, 8, 42)).containsExactly(a);
        }
        assertThat(km.initialCentroids(CentroidInit.RANDOM, 8, 1))
                .isNotEqualTo(km.initialCentroids(CentroidInit.RANDOM, 8, 2));
    }
}
