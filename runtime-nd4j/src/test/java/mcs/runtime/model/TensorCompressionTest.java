package mcs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;
import org.junit.jupiter.api.Test;

class TensorCompressionTest {

    private static final int[] SHAPE = {6, 5};

    private static Tensor random(long seed) {
        Random r = new Random(seed);
        float[] v = new float[30];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of("dense1.kernel", TensorRole.KERNEL, SHAPE, v);
    }

    private static boolean[] everyThirdPruned() {
        boolean[] m = new boolean[30];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % 3 != 0;
        }
        return m;
    }

    private static Tensor clustered(Tensor t, int k) {
        Codebook b = Clustering.cluster(t.values(), k, CentroidInit.LINEAR, true, 0);
        return t.withClusters(new Clusters(QuantSpec.PER_TENSOR, List.of(b)));
    }

    @Test
    void trainedValuesOfAClusteredTensorStayTiedAndKeepTheMask() {
        Tensor c = clustered(random(1).withMask(everyThirdPruned()), 4);
        float[] moved = c.values();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += 0.1f * (i % 2); // untied update: each cluster gets the mean
        }
        Tensor t = c.withValues(moved);
        Codebook book = t.clusters().books().get(0);
        assertThat(book.indices()).containsExactly(c.clusters().books().get(0).indices());
        for (int i = 0; i < 30; i++) {
            assertThat(t.value(i)).isEqualTo(book.centroid(book.index(i)));
            if (i % 3 == 0) {
                assertThat(t.value(i)).isZero();
            }
        }
        for (int j = 0; j < book.size(); j++) {
            if (j == book.zeroIndex()) {
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int i = 0; i < 30; i++) {
                if (book.index(i) == j) {
                    sum += moved[i];
                    n++;
                }
            }
            assertThat(book.centroid(j)).isEqualTo((float) (sum / n));
        }
    }

    @Test
    void quantisedValuesLieExactlyOnTheGridAndStayThereAfterTraining() {
        Tensor t = random(2).withMask(everyThirdPruned());
        QuantSpec spec = WeightQuantizer.int8PerChannel(t.values(), SHAPE, 1);
        Tensor q = t.withQuant(spec);
        assertOnGrid(q);
        float[] moved = q.values();
        for (int i = 0; i < moved.length; i++) {
            moved[i] = moved[i] * 1.3f + 0.01f;
        }
        Tensor trained = q.withValues(moved);
        assertOnGrid(trained);
        assertThat(trained.quant().scales()).isNotEqualTo(spec.scales());
        assertThat(trained.mask()).containsExactly(everyThirdPruned());
        assertThat(trained.nonzeros()).isLessThanOrEqualTo(20);
    }

    private static void assertOnGrid(Tensor q) {
        int[] ints = Quantizer.quantize(q.values(), q.shape(), q.quant());
        assertThat(Quantizer.dequantize(ints, q.shape(), q.quant())).containsExactly(q.values());
        for (int i : ints) {
            assertThat(i).isBetween(-127, 127);
        }
    }

    @Test
    void quantisingAClusteredTensorQuantisesItsCodebook() {
        Tensor c = clustered(random(3).withMask(everyThirdPruned()), 8);
        QuantSpec kind = QuantSpec.fromRange(8, true, true, -1f, 1f);
        Tensor q = c.withQuant(c.refitCentroids(kind));
        Codebook book = q.clusters().books().get(0);
        float s = q.quant().scale(0);
        for (float x : book.centroids()) {
            assertThat(Math.rint(x / s) * s).isCloseTo(x, org.assertj.core.data.Offset.offset(1e-6));
        }
        float max = 0;
        for (float x : c.clusters().books().get(0).centroids()) {
            max = Math.max(max, Math.abs(x));
        }
        assertThat(s).isEqualTo(max / 127f);
        assertThat(q.values()).containsExactly(q.clusters().reconstruct(SHAPE));
        assertThatThrownBy(() -> c.withQuant(WeightQuantizer.int8PerChannel(c.values(), SHAPE, 1)))
                .hasMessageContaining("one scale per codebook");
    }

    @Test
    void halfPrecisionRoundsAndPruningResetsLaterState() {
        Tensor h = random(4).withPrecision(Precision.FP16);
        for (float x : h.values()) {
            assertThat(mcs.runtime.quant.Float16.round(x)).isEqualTo(x);
        }
        Tensor c = clustered(random(5), 4);
        Tensor pruned = c.withMask(everyThirdPruned());
        assertThat(pruned.clusters()).isNull();
        assertThat(pruned.precision()).isEqualTo(Precision.FP32);
        assertThat(Arrays.equals(c.withMask(null).values(), c.values())).isTrue();
    }
}
