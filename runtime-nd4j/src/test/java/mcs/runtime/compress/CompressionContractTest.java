package mcs.runtime.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.Pruning;
import mcs.runtime.quant.Quantizer;
import org.junit.jupiter.api.Test;

/** Every model transform: pure, deterministic, keeps earlier compression, refuses bad input. */
class CompressionContractTest {

    private static final Model PRUNED = Pruning.prune(ReferenceModels.lenet5(3),
            new ConstantSparsity(0.7, 0, -1, 100));

    private static WeightClustering.Config clusters(int k, boolean perChannel, String... skip) {
        return new WeightClustering.Config(k, CentroidInit.KMEANS_PLUS_PLUS, perChannel, true,
                Set.of(skip), 7);
    }

    private static ModelQuantization.Config int8(ModelQuantization.Format f, String... skip) {
        return new ModelQuantization.Config(f, ModelQuantization.Mode.WEIGHTS, true,
                f != ModelQuantization.Format.UINT8, false, null, 0,
                ModelQuantization.Method.MINMAX, Set.of(skip));
    }

    @Test
    void clusteringIsPureDeterministicAndKeepsMasks() {
        float[] before = PRUNED.tensor("dense1.kernel").values();
        Model a = WeightClustering.cluster(PRUNED, clusters(16, true));
        Model b = WeightClustering.cluster(PRUNED, clusters(16, true));
        assertThat(PRUNED.tensor("dense1.kernel").values()).isEqualTo(before);
        assertThat(PRUNED.tensor("dense1.kernel").clusters()).isNull();
        for (Tensor t : a.tensors()) {
            assertThat(t.values()).isEqualTo(b.tensor(t.name()).values());
            if (t.role() == TensorRole.KERNEL) {
                assertThat(t.mask()).isEqualTo(PRUNED.tensor(t.name()).mask());
                assertThat(t.clusters().books()).hasSize(t.shape()[t.shape().length == 2 ? 1 : 0]);
            }
        }
        assertThat(a.plan()).isNull();
        assertThat(a.sparsity()).isEqualTo(PRUNED.sparsity());
    }

    @Test
    void quantisationIsPureAndKeepsMasksAndCodebooks() {
        Model clustered = WeightClustering.cluster(PRUNED, clusters(8, false, "conv1"));
        Model q = ModelQuantization.quantize(clustered, int8(ModelQuantization.Format.INT8),
                Cancellation.NEVER);
        assertThat(clustered.tensor("conv2.kernel").quant()).isNull();
        Tensor conv1 = q.tensor("conv1.kernel");
        assertThat(conv1.clusters()).isNull();
        assertThat(conv1.quant().channels()).isEqualTo(20);
        for (String name : new String[] {"conv2.kernel", "dense1.kernel", "dense2.kernel"}) {
            Tensor t = q.tensor(name);
            assertThat(t.mask()).isEqualTo(PRUNED.tensor(name).mask());
            assertThat(t.clusters().books().get(0).indices())
                    .isEqualTo(clustered.tensor(name).clusters().books().get(0).indices());
            assertThat(t.quant().perChannel()).isFalse();
            float s = t.quant().scale(0);
            for (float c : t.clusters().books().get(0).centroids()) {
                assertThat(Quantizer.dequantize(Quantizer.quantize(c, s, 0, -127, 127), s, 0))
                        .isEqualTo(c);
            }
        }
        assertThat(q.tensor("dense1.bias").quant()).isNull();
    }

    @Test
    void floatFormatsStoreEveryTensorAndSkipWhatIsNamed() {
        Model h = ModelQuantization.quantize(PRUNED, int8(ModelQuantization.Format.BF16, "dense2"),
                Cancellation.NEVER);
        assertThat(h.tensor("dense1.bias").precision()).isEqualTo(Precision.BF16);
        assertThat(h.tensor("dense2.kernel").precision()).isEqualTo(Precision.FP32);
        assertThat(h.tensor("conv1.kernel").mask()).isEqualTo(PRUNED.tensor("conv1.kernel").mask());
    }

    @Test
    void badSettingsAreRefusedWithTheValidNames() {
        assertThatThrownBy(() -> WeightClustering.cluster(PRUNED, clusters(16, false, "dense9")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dense9").hasMessageContaining("conv1, maxpool1");
        assertThatThrownBy(() -> WeightClustering.cluster(PRUNED, clusters(1, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 2");
        ModelQuantization.Config noData = new ModelQuantization.Config(
                ModelQuantization.Format.INT8, ModelQuantization.Mode.STATIC, true, true, false,
                null, 10, ModelQuantization.Method.MINMAX, Set.of());
        assertThatThrownBy(() -> ModelQuantization.quantize(PRUNED, noData, Cancellation.NEVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("calibration");
    }
}
