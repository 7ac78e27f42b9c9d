package mcs.runtime.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.WeightQuantizer;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    private static Model model() {
        Model m = Model.sequential("bn", Shape.image(2, 8, 8), List.of(
                new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.LINEAR),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Act(Activation.RELU),
                new LayerSpec.Conv2D(3, 3, 2, Padding.VALID, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(6, Activation.LINEAR),
                new LayerSpec.BatchNorm(1e-2, 0.99),
                new LayerSpec.Dense(3, Activation.SOFTMAX)), 5);
        return Fixtures.randomised(m, 9);
    }

    @Test
    void foldsIntoTheLinearConvAndDenseAndKeepsTheOutput() {
        Model m = model();
        BatchNormFolding.Result r = BatchNormFolding.fold(m);
        assertThat(r.folded()).containsExactly("batchnorm1", "batchnorm3");
        assertThat(r.kept()).singleElement().asString().startsWith("batchnorm2 (after conv2");
        Model f = r.model();
        assertThat(f.layers()).hasSize(7);
        assertThat(f.layers().get(3).name()).isEqualTo("batchnorm1");
        assertThat(f.paramCount()).isEqualTo(m.paramCount() - 4 * 4 - 6 * 4);
        assertThat(f.history()).last().asString().isEqualTo("fold_bn batchnorm1, batchnorm3");
        int n = 16;
        float[] x = Fixtures.inputs(m, n, 3);
        assertThat(Fixtures.maxRelativeError(Fixtures.logits(f, x, n),
                Fixtures.logits(m, x, n))).isLessThan(1e-5);
    }

    @Test
    void foldedWeightsFollowTheFormula() {
        Model m = model();
        Model f = BatchNormFolding.fold(m).model();
        float[] w = m.tensor("dense1.kernel").values();
        float[] wf = f.tensor("dense1.kernel").values();
        float[] b = m.tensor("dense1.bias").values();
        float[] bf = f.tensor("dense1.bias").values();
        float[] gamma = m.tensor("batchnorm3.gamma").values();
        float[] beta = m.tensor("batchnorm3.beta").values();
        float[] mean = m.tensor("batchnorm3.moving_mean").values();
        float[] var = m.tensor("batchnorm3.moving_variance").values();
        for (int o = 0; o < 6; o++) {
            double s = gamma[o] / Math.sqrt(var[o] + 1e-2);
            assertThat(bf[o]).isCloseTo((float) ((b[o] - mean[o]) * s + beta[o]), within(1e-5f));
            for (int i = 0; i < 5; i++) {
                assertThat(wf[i * 6 + o]).isCloseTo((float) (w[i * 6 + o] * s), within(1e-5f));
            }
        }
    }

    @Test
    void isPureKeepsMasksAndLeavesAModelWithoutBatchNormAlone() {
        Model m = model();
        Tensor k = m.tensor("conv1.kernel");
        Model pruned = m.withTensors(List.of(k.withMask(MagnitudePruner.mask(k.values(), 0.5))));
        float[] before = pruned.tensor("conv1.kernel").values();
        Model f = BatchNormFolding.fold(pruned).model();
        assertThat(pruned.tensor("conv1.kernel").values()).containsExactly(before);
        assertThat(pruned.layers()).hasSize(9);
        assertThat(f.tensor("conv1.kernel").mask()).isEqualTo(pruned.tensor("conv1.kernel").mask());
        assertThat(f.tensor("conv1.kernel").nonzeros()).isEqualTo(36);
        BatchNormFolding.Result again = BatchNormFolding.fold(
                Model.sequential("plain", Shape.of(4), List.of(new LayerSpec.Dense(2,
                        Activation.LINEAR)), 1));
        assertThat(again.folded()).isEmpty();
        assertThat(again.model().history()).isEmpty();
    }

    @Test
    void refusesAQuantisedKernel() {
        Model m = model();
        Tensor k = m.tensor("conv1.kernel");
        Model q = m.withTensors(List.of(k.withQuant(
                WeightQuantizer.int8PerChannel(k.values(), k.shape(), 0))));
        assertThatThrownBy(() -> BatchNormFolding.fold(q))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("conv1.kernel is quantised");
    }
}
