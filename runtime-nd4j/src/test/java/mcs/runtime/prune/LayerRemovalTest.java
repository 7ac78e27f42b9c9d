package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.train.Outputs;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Dropping whole layers where the shapes allow it. */
class LayerRemovalTest {

    /** dense 8 - dropout - relu - residual(dense 8 tanh) - batchnorm - dense 8 - dense 3. */
    private static Model mlp() {
        return PruneTestModels.randomised(Model.sequential("m", Shape.of(6), List.of(
                new LayerSpec.Dense(8, Activation.LINEAR),
                new LayerSpec.Dropout(0.3),
                new LayerSpec.Act(Activation.RELU),
                new LayerSpec.Residual(List.of(new LayerSpec.Dense(8, Activation.TANH))),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Dense(3, Activation.LINEAR)), 0), 2);
    }

    private static void assertSameOutputs(Model a, Model b) {
        float[] x = Outputs.randomInputs(a, 3, 1);
        float[] ya = Outputs.of(a, x, 3);
        float[] yb = Outputs.of(b, x, 3);
        for (int i = 0; i < ya.length; i++) {
            assertThat(yb[i]).isCloseTo(ya[i], Offset.offset(1e-5f));
        }
    }

    @Test
    void droppingDropoutChangesNothingAtInference() {
        Model base = mlp();
        Model m = LayerRemoval.drop(base, "dropout1");
        assertThat(m.layers()).hasSize(base.layers().size() - 1);
        assertThat(m.paramCount()).isEqualTo(base.paramCount());
        assertSameOutputs(base, m);
        assertThat(m.history()).last().isEqualTo("drop_layer dropout1");
        assertThat(base.layers()).hasSize(7);
    }

    @Test
    void droppingAResidualBlockRenamesTheLayersAfterIt() {
        Model base = mlp();
        Model m = LayerRemoval.drop(base, "residual1");
        assertThat(LayerRemoval.layerNames(m)).containsExactly("dense1", "dropout1", "relu1",
                "batchnorm1", "dense2", "dense3");
        // the old dense3 and dense4 are now dense2 and dense3, with their weights
        assertThat(m.tensor("dense2.kernel").values()).containsExactly(
                base.tensor("dense3.kernel").values());
        assertThat(m.tensor("dense3.bias").values()).containsExactly(
                base.tensor("dense4.bias").values());
        assertThat(m.paramCount()).isEqualTo(base.paramCount() - 8 * 8 - 8);
        // the same as a model built without the block, carrying the same weights
        Model same = Model.sequential("m", Shape.of(6), m.specs(), 5).withTensors(m.tensors());
        assertSameOutputs(same, m);
    }

    @Test
    void shapePreservingDenseAndLayersInsideABodyCanGo() {
        Model base = mlp();
        Model m = LayerRemoval.drop(base, "dense3");
        assertThat(m.paramCount()).isEqualTo(base.paramCount() - 8 * 8 - 8);
        Model bn = LayerRemoval.drop(base, "batchnorm1");
        assertThat(bn.paramCount()).isEqualTo(base.paramCount() - 4 * 8);
        assertThatThrownBy(() -> LayerRemoval.drop(base, "dense2"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("it is the only layer of residual1; drop residual1");
    }

    @Test
    void compressionStateSurvivesTheRenaming() {
        Model base = mlp();
        Model pruned = Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 1)).withPlan(null);
        Tensor k = pruned.tensor("dense4.kernel");
        Model clustered = pruned.withTensors(List.of(k.withClusters(new Clusters(-1, List.of(
                Clustering.cluster(k.values(), 4, CentroidInit.LINEAR, true, 0))))));
        Model m = LayerRemoval.drop(clustered, "residual1");
        Tensor before = clustered.tensor("dense4.kernel");
        Tensor after = m.tensor("dense3.kernel");
        assertThat(after.values()).containsExactly(before.values());
        assertThat(after.mask()).containsExactly(before.mask());
        assertThat(after.clusters()).isEqualTo(before.clusters());
    }

    @Test
    void shapeMismatchesAreExplained() {
        Model base = mlp();
        assertThatThrownBy(() -> LayerRemoval.drop(base, "dense1"))
                .hasMessage("cannot drop dense1: it turns (6) into (8); without it dropout1 "
                        + "would get (6) instead of (8)");
        assertThatThrownBy(() -> LayerRemoval.drop(base, "dense4"))
                .hasMessageContaining("the model's output would be (8) instead of (3)");
        Model conv = Model.sequential("c", Shape.image(1, 8, 8), List.of(
                new LayerSpec.Conv2D(4, 3, 1, Padding.VALID, Activation.RELU),
                new LayerSpec.Flatten(), new LayerSpec.Dense(2, Activation.LINEAR)), 0);
        assertThatThrownBy(() -> LayerRemoval.drop(conv, "conv1"))
                .hasMessageContaining("it turns (8, 8, 1) into (6, 6, 4)");
        assertThatThrownBy(() -> LayerRemoval.drop(base, "dens1"))
                .hasMessageContaining("no layer named dens1").hasMessageContaining("dense1, ");
        Model planned = Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 1));
        assertThatThrownBy(() -> LayerRemoval.drop(planned, "dropout1"))
                .hasMessageContaining("pending pruning schedule");
    }
}
