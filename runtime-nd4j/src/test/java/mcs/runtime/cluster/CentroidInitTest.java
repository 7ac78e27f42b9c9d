package mcs.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import mcs.runtime.quant.TestData;
import org.junit.jupiter.api.Test;

class CentroidInitTest {

    private static float[] gaussian(int n, long seed) {
        return TestData.gaussian(n, seed, 1);
    }

    @Test
    void linearIsEvenlySpacedFromMinToMax() {
        float[] x = {3f, -1f, 0.5f, 7f, 2f};
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.LINEAR, 5, 0);
        assertThat(c).containsExactly(-1f, 1f, 3f, 5f, 7f);
    }

    @Test
    void densityTakesQuantilesAtTfmotProbabilities() {
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37) % 1001; // the values 0..1000 in scrambled order
        }
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.DENSITY, 4, 0);
        // p = linspace(0.01, 1, 4) = 0.01, 0.34, 0.67, 1; the smallest x with F(x) >= p,
        // F(x) = (x + 1) / 1001: x >= 1001 p - 1, i.e. 9.01, 339.34, 669.67, 1000
        assertThat(c).containsExactly(10f, 340f, 670f, 1000f);
    }

    @Test
    void densityPlacesMoreCentroidsWhereValuesAreDense() {
        float[] x = gaussian(10_000, 4);
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.DENSITY, 11, 0);
        assertThat(c[5] - c[4]).isLessThan(c[1] - c[0]); // denser near 0 than in the tail
    }

    @Test
    void randomIsUniformWithinTheRange() {
        float[] x = gaussian(5000, 5);
        float min = x[0], max = x[0];
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.RANDOM, 200, 9);
        double mean = 0;
        for (float v : c) {
            assertThat(v).isBetween(min, max);
            mean += v / 200.0;
        }
        assertThat(mean).isCloseTo((min + max) / 2.0, within((max - min) * 0.1));
    }

    @Test
    void kmeansPlusPlusPicksDistinctDataValues() {
        float[] x = gaussian(3000, 6);
        Set<Float> values = new HashSet<>();
        for (float v : x) {
            values.add(v);
        }
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.KMEANS_PLUS_PLUS, 32, 3);
        assertThat(c).hasSize(32);
        Set<Float> chosen = new HashSet<>();
        for (float v : c) {
            assertThat(values).contains(v);
            chosen.add(v);
        }
        assertThat(chosen).hasSize(32);
    }

    @Test
    void kmeansPlusPlusFavoursFarValues() {
        // one far outlier: after the first pick it carries almost all of the D^2 mass
        float[] x = new float[1001];
        for (int i = 0; i < 1000; i++) {
            x[i] = i * 1e-4f;
        }
        x[1000] = 1000f;
        int hits = 0;
        for (long seed = 0; seed < 20; seed++) {
            float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.KMEANS_PLUS_PLUS, 2, seed);
            hits += c[1] == 1000f ? 1 : 0;
        }
        assertThat(hits).isGreaterThanOrEqualTo(19);
    }

    @Test
    void kmeansPlusPlusStopsWhenEveryValueIsACentroid() {
        float[] x = {1, 1, 2, 2, 3, 3, 3};
        float[] c = KMeans1D.of(x).initialCentroids(CentroidInit.KMEANS_PLUS_PLUS, 10, 1);
        assertThat(c).containsExactly(1f, 2f, 3f);
    }
}
