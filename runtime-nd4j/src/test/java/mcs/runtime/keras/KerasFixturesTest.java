package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.Test;

/**
 * The four Keras fixtures load and compute what the independent numpy forward pass in
 * {@code reference/keras_ref.py} computes on the same seeded input, and the loaded models can
 * be pruned and quantised.
 */
class KerasFixturesTest {

    @Test
    void mnistMlpFullH5MatchesReference() {
        Model m = KerasImport.load(Fixtures.dir().resolve("mnist_mlp_kotlindl.h5"));
        assertThat(m.input()).isEqualTo(Shape.image(1, 28, 28));
        assertThat(m.paramCount()).isEqualTo(101_770);
        assertMatches(m, "mnist_mlp_kotlindl", 1e-4);
        assertCompressible(m);
    }

    @Test
    void fashionMnistBnCnnJsonWithWeightsMatchesReference() {
        Path json = Fixtures.dir().resolve("fashion_mnist_bn_cnn_kotlindl.json");
        Model m = KerasImport.load(json);
        assertThat(m.input()).isEqualTo(Shape.image(1, 28, 28));
        assertThat(m.paramCount()).isEqualTo(846_070);
        assertMatches(m, "fashion_mnist_bn_cnn_kotlindl", 1e-4);
        assertCompressible(m);
    }

    @Test
    void fashionMnistLenetJsonWithWeightsMatchesReference() {
        Path dir = Fixtures.dir();
        Model m = KerasImport.load(dir.resolve("fashion_mnist_lenet_kotlindl.json"),
                dir.resolve("fashion_mnist_lenet_kotlindl_weights.h5"));
        assertThat(m.paramCount()).isEqualTo(844_326);
        assertMatches(m, "fashion_mnist_lenet_kotlindl", 1e-4);
        assertCompressible(m);
    }

    @Test
    void miniXceptionFunctionalModelMatchesReference() {
        Model m = KerasImport.load(Fixtures.dir().resolve("fer2013_mini_xception_oarriaga.h5"));
        assertThat(m.input()).isEqualTo(Shape.image(1, 64, 64));
        // 58,423 Keras parameters plus the zero biases mcs convolutions always have
        long zeroBiases = m.tensors().stream().filter(t -> t.role() == TensorRole.BIAS
                && t.nonzeros() == 0).mapToLong(Tensor::size).sum();
        assertThat(m.paramCount() - zeroBiases).isEqualTo(58_423);
        assertMatches(m, "fer2013_mini_xception_oarriaga", 1e-4);
        assertCompressible(m);
    }

    /** Every output within {@code rtol * |ref| + 1e-6} of the numpy reference. */
    static void assertMatches(Model m, String fixture, double rtol) {
        Fixtures.Reference ref = Fixtures.reference(fixture);
        float[] y = Evaluator.predict(m, ref.channelsFirst(), ref.batch());
        assertThat(y).hasSize(ref.output().length);
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < y.length; i++) {
            double err = Math.abs(y[i] - ref.output()[i]);
            maxAbs = Math.max(maxAbs, err);
            maxRel = Math.max(maxRel, err / Math.max(Math.abs(ref.output()[i]), 1e-6));
            assertThat(err).as("%s output %d: %s vs %s", fixture, i, y[i], ref.output()[i])
                    .isLessThanOrEqualTo(rtol * Math.abs(ref.output()[i]) + 1e-6);
        }
        System.out.printf(Locale.ROOT, "%s: %d outputs, max abs error %.3g, max rel error %.3g%n",
                fixture, y.length, maxAbs, maxRel);
    }

    /** Half the weights of every kernel pruned, then int8 per channel: still runs, still sparse. */
    static void assertCompressible(Model m) {
        List<Tensor> changed = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                Tensor p = t.withMask(MagnitudePruner.mask(t.values(), 0.5));
                int axis = t.shape().length == 2 ? 1 : 0;
                changed.add(p.withQuant(WeightQuantizer.int8PerChannel(p.values(), p.shape(), axis)));
            }
        }
        Model small = m.withTensors(changed);
        assertThat(small.sparsity()).isBetween(0.49, 0.51);
        float[] y = Evaluator.predict(small, new float[m.input().size()], 1);
        for (float v : y) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        assertThat(m.sparsity()).isLessThan(0.01);
    }
}
