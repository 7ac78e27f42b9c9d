package mcs.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Split;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Labels are the model's own predictions, so the unchanged model scores exactly 1. */
class SensitivityTest {

    static Model model;
    static Split split;

    @BeforeAll
    static void setUp() {
        model = Model.sequential("cnn", Shape.image(1, 8, 8), List.of(
                new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Residual(List.of(
                        new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.TANH))),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(16, Activation.RELU),
                new LayerSpec.Dense(5, Activation.LINEAR)), 3);
        int n = 300;
        Random r = new Random(1);
        float[] x = new float[n * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] z = Evaluator.logits(model, x, n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 1; j < 5; j++) {
                labels[i] = z[i * 5 + j] > z[i * 5 + labels[i]] ? j : labels[i];
            }
        }
        split = new Split("test", Shape.image(1, 8, 8), x, labels, 5);
    }

    @Test
    void prunesOneLayerAtATimeAtEachLevel() {
        Sensitivity.Result r = Sensitivity.pruning(model, split, List.of(0.0, 0.5, 0.95),
                Cancellation.NEVER);
        assertThat(r.baseline()).isEqualTo(1.0);
        assertThat(r.rows()).extracting(Sensitivity.Row::layer)
                .containsExactly("conv1", "conv2", "dense1", "dense2");
        assertThat(r.rows()).extracting(Sensitivity.Row::params)
                .containsExactly(36L, 144L, 256L * 16, 80L);
        for (Sensitivity.Row row : r.rows()) {
            assertThat(row.accuracies().get(0)).isEqualTo(1.0);
            Tensor k = model.tensor(row.layer() + ".kernel");
            Model pruned = model.withTensors(List.of(k.withMask(MagnitudePruner.mask(k.values(),
                    0.95))));
            assertThat(row.accuracies().get(2)).isEqualTo(
                    Evaluator.accuracy(pruned, split, Cancellation.NEVER)).isLessThan(1.0);
        }
    }

    @Test
    void quantisesOneLayerAtATime() {
        Sensitivity.Result r4 = Sensitivity.quantization(model, split, 4, Cancellation.NEVER);
        Sensitivity.Result r8 = Sensitivity.quantization(model, split, 8, Cancellation.NEVER);
        assertThat(r8.rows()).hasSize(4);
        Tensor k = model.tensor("dense1.kernel");
        Model q = model.withTensors(List.of(k.withQuant(WeightQuantizer.perChannel(k.values(),
                k.shape(), 1, 4, true, true))));
        assertThat(r4.rows().get(2).accuracies()).containsExactly(
                Evaluator.accuracy(q, split, Cancellation.NEVER));
        double worst4 = r4.rows().stream().mapToDouble(x -> x.accuracies().get(0)).min()
                .orElseThrow();
        double worst8 = r8.rows().stream().mapToDouble(x -> x.accuracies().get(0)).min()
                .orElseThrow();
        assertThat(worst8).isGreaterThanOrEqualTo(worst4).isGreaterThan(0.9);
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> Sensitivity.pruning(model, split, List.of(1.0),
                Cancellation.NEVER)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sparsity must be in [0, 1)");
        assertThatThrownBy(() -> Sensitivity.quantization(model, split, 3, Cancellation.NEVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bits");
    }
}
