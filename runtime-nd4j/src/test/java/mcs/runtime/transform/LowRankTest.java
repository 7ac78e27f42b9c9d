package mcs.runtime.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import org.junit.jupiter.api.Test;

class LowRankTest {

    private static Model convNet() {
        return Fixtures.randomised(Model.sequential("cnn", Shape.image(3, 9, 9), List.of(
                new LayerSpec.Conv2D(6, 3, 2, Padding.SAME, Activation.RELU),
                new LayerSpec.Conv2D(5, 3, 1, Padding.VALID, Activation.TANH),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(7, Activation.RELU),
                new LayerSpec.Dense(4, Activation.LINEAR)), 3), 4);
    }

    @Test
    void fullRankReproducesTheOutputOfConvAndDenseLayers() {
        Model m = convNet();
        LowRank.Result r = LowRank.factorise(m, new LowRank.Options(1000, 1, List.of(), false));
        assertThat(r.factors()).extracting(LowRank.Factor::rank).containsExactly(6, 5, 7, 4);
        assertThat(r.factors()).allSatisfy(f -> {
            assertThat(f.applied()).isTrue();
            assertThat(f.energy()).isCloseTo(1, within(1e-9));
        });
        Model f = r.model();
        assertThat(f.layers()).extracting(l -> l.spec().describe()).containsExactly(
                "conv 6@3x3 stride 2 same", "conv 6@1x1 relu", "conv 5@3x3", "conv 5@1x1 tanh",
                "flatten", "dense 7", "dense 7 relu", "dense 4", "dense 4");
        long expected = 0;
        for (LowRank.Factor x : r.factors()) {
            expected += x.after() - x.before();
        }
        assertThat(f.paramCount()).isEqualTo(m.paramCount() + expected);
        int n = 10;
        float[] x = Fixtures.inputs(m, n, 8);
        assertThat(Fixtures.maxRelativeError(Fixtures.logits(f, x, n), Fixtures.logits(m, x, n)))
                .isLessThan(1e-4);
        assertThat(m.layers()).hasSize(5);
    }

    @Test
    void energyChoosesTheSmallestRankKeepingTheFractionAndTheBestApproximation() {
        double[] s = {10, 6, 3, 2, 1, 0.5};
        int in = 9, out = 6;
        float[] w = withSpectrum(s, in, out, 21);
        Model m = Model.sequential("mlp", Shape.of(in), List.of(
                new LayerSpec.Dense(out, Activation.LINEAR)), 0);
        m = m.withTensors(List.of(m.tensor("dense1.kernel").withValues(w)));
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        for (double energy : new double[] {0.5, 0.9, 0.97, 0.99, 0.999}) {
            int expected = 0;
            double kept = 0;
            while (kept < energy * total) {
                kept += s[expected] * s[expected];
                expected++;
            }
            LowRank.Result r = LowRank.factorise(m, new LowRank.Options(0, energy, List.of(),
                    false));
            LowRank.Factor f = r.factors().get(0);
            assertThat(f.rank()).as("energy %s", energy).isEqualTo(expected);
            assertThat(f.energy()).isCloseTo(kept / total, within(1e-6));
            double residual = 0;
            for (int i = expected; i < s.length; i++) {
                residual += s[i] * s[i];
            }
            assertThat(frobeniusSquared(product(r.model()), w)).isCloseTo(residual, within(1e-4));
        }
    }

    @Test
    void skipsLayersThatWouldGrowAndChecksNames() {
        Model m = convNet();
        LowRank.Result r = LowRank.factorise(m, new LowRank.Options(0, 0.9, List.of(), true));
        assertThat(r.factors()).hasSize(4);
        for (LowRank.Factor f : r.factors()) {
            assertThat(f.applied()).isEqualTo(f.after() < f.before());
        }
        LowRank.Result one = LowRank.factorise(m, new LowRank.Options(2, 1, List.of("dense1"),
                true));
        assertThat(one.factors()).singleElement().satisfies(f -> {
            assertThat(f.layer()).isEqualTo("dense1");
            assertThat(f.before()).isEqualTo(45 * 7 + 7);
            assertThat(f.after()).isEqualTo(45 * 2 + 2 + 2 * 7 + 7);
            assertThat(f.applied()).isTrue();
        });
        assertThat(one.model().tensor("dense3.kernel").shape()).containsExactly(7, 4);
        assertThatThrownBy(() -> LowRank.factorise(m, new LowRank.Options(2, 1,
                List.of("flatten1"), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no top-level dense or conv layer flatten1")
                .hasMessageContaining("conv1, conv2, dense1, dense2");
    }

    /** The product of the two factor kernels of a factorised one-layer model. */
    private static float[] product(Model f) {
        Tensor a = f.tensor("dense1.kernel");
        Tensor b = f.tensor("dense2.kernel");
        int in = a.shape()[0], r = a.shape()[1], out = b.shape()[1];
        float[] w = new float[in * out];
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double v = 0;
                for (int k = 0; k < r; k++) {
                    v += a.value(i * r + k) * b.value(k * out + j);
                }
                w[i * out + j] = (float) v;
            }
        }
        return w;
    }

    private static double frobeniusSquared(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return sum;
    }

    /** {@code H1 D H2}: D the m x n "diagonal" of s, H Householder reflections (orthogonal). */
    private static float[] withSpectrum(double[] s, int m, int n, long seed) {
        double[][] d = new double[m][n];
        for (int i = 0; i < s.length; i++) {
            d[i][i] = s[i];
        }
        Random r = new Random(seed);
        double[][] left = householder(m, r);
        double[][] right = householder(n, r);
        float[] w = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double v = 0;
                for (int k = 0; k < s.length; k++) {
                    v += left[i][k] * d[k][k] * right[k][j];
                }
                w[i * n + j] = (float) v;
            }
        }
        return w;
    }

    private static double[][] householder(int n, Random r) {
        double[] v = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
            norm += v[i] * v[i];
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / norm;
            }
        }
        return h;
    }
}
