package mcs.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void referenceModelsHaveThePublishedParameterCounts() {
        Model lenet5 = ReferenceModels.lenet5(0);
        assertThat(lenet5.paramCount()).isEqualTo(431_080);
        assertThat(lenet5.paramCount() * 4).isEqualTo(1_724_320);
        assertThat(lenet5.layers()).extracting(Layer::name).containsExactly(
                "conv1", "maxpool1", "conv2", "maxpool2", "flatten1", "dense1", "dense2");
        assertThat(lenet5.tensor("dense1.kernel").shape()).containsExactly(800, 500);
        assertThat(ReferenceModels.lenet300(0).paramCount()).isEqualTo(266_610);
    }

    @Test
    void initialisationIsSeededAndGlorotBounded() {
        Model a = ReferenceModels.lenet300(3), b = ReferenceModels.lenet300(3);
        Model c = ReferenceModels.lenet300(4);
        float[] wa = a.tensor("dense1.kernel").values();
        assertThat(wa).containsExactly(b.tensor("dense1.kernel").values());
        assertThat(wa).isNotEqualTo(c.tensor("dense1.kernel").values());
        double limit = Math.sqrt(6.0 / (784 + 300));
        for (float v : wa) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limit);
        }
        assertThat(a.tensor("dense1.bias").nonzeros()).isZero();
        assertThat(a.sparsity()).isZero();
    }

    @Test
    void sequentialInfersShapesAndRejectsMismatches() {
        Model m = Model.sequential("cnn", Shape.image(1, 28, 28), List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Residual(List.of(
                        new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.RELU),
                        new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.LINEAR))),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dropout(0.5),
                new LayerSpec.Dense(10, Activation.SOFTMAX)), 0);
        assertThat(m.output().dims()).containsExactly(10);
        assertThat(m.layers().get(3).input().dims()).containsExactly(8, 28, 28);
        assertThat(m.allLayers()).extracting(Layer::name).contains("conv2", "conv3");
        assertThat(m.paramCount()).isEqualTo((8 * 9 + 8) + 4 * 8 + 2 * (8 * 8 * 9 + 8)
                + (8 * 14 * 14 * 10 + 10));
        assertThatThrownBy(() -> Model.sequential("bad", Shape.image(1, 28, 28),
                List.of(new LayerSpec.Dense(10, Activation.LINEAR)), 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dense1").hasMessageContaining("flatten()");
        assertThatThrownBy(() -> Model.sequential("bad", Shape.image(1, 4, 4),
                List.of(new LayerSpec.Conv2D(2, 5, 1, Padding.VALID, Activation.LINEAR)), 0))
                .hasMessageContaining("does not fit");
    }

    @Test
    void transformsLeaveTheirInputUnchanged() {
        Model m = ReferenceModels.lenet300(0);
        Tensor k = m.tensor("dense1.kernel");
        boolean[] mask = new boolean[k.size()];
        Model pruned = m.withTensors(List.of(k.withMask(mask)));
        assertThat(pruned.tensor("dense1.kernel").nonzeros()).isZero();
        assertThat(m.tensor("dense1.kernel").nonzeros()).isEqualTo(k.size());
        assertThat(m.nonzeros()).isEqualTo(266_610 - 410);
    }
}
