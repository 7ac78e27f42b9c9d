package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mcs.runtime.Cancellation;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.compress.ModelQuantization;
import mcs.runtime.compress.WeightClustering;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.PackageInstaller;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.Pruning;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fine-tuning keeps masks, shared weights and quantisation grids. */
class CompressedTrainingTest {

    static Dataset small;
    static Model pruned;

    @BeforeAll
    static void data() {
        Dataset full = new Datasets(Map.of(), Path.of("/nonexistent"), s -> { },
                PackageInstaller.NONE).load("fashion-mnist", null);
        small = new Dataset("fashion-mnist-small", full.train().head(4096), full.test().head(1000));
        Model trained = Trainer.fit(ReferenceModels.lenet300(0), small, config(1), "train",
                ProgressListener.NONE, Cancellation.NEVER);
        pruned = Trainer.fit(Pruning.prune(trained, new ConstantSparsity(0.8, 0, -1, 100)), small,
                config(1), "finetune", ProgressListener.NONE, Cancellation.NEVER);
    }

    private static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 128, 1e-3, Optimizer.ADAM, 0);
    }

    private static Model finetune(Model m) {
        return Trainer.fit(m, small, config(1), "finetune", ProgressListener.NONE,
                Cancellation.NEVER);
    }

    @Test
    void clusterAwareFineTuningTrainsCentroidsAndKeepsAssignmentsAndMasks() {
        Model clustered = WeightClustering.cluster(pruned, new WeightClustering.Config(8,
                CentroidInit.LINEAR, false, true, Set.of(), 0));
        Model tuned = finetune(clustered);
        for (Tensor t : tuned.tensors()) {
            if (t.role() != TensorRole.KERNEL) {
                continue;
            }
            Tensor before = clustered.tensor(t.name());
            assertThat(t.clusters().books().get(0).indices())
                    .isEqualTo(before.clusters().books().get(0).indices());
            assertThat(t.clusters().books().get(0).centroids())
                    .isNotEqualTo(before.clusters().books().get(0).centroids());
            assertThat(distinct(t.values())).hasSizeLessThanOrEqualTo(8);
            assertThat(t.mask()).isEqualTo(pruned.tensor(t.name()).mask());
        }
        double acc = Evaluator.accuracy(tuned, small.test(), Cancellation.NEVER);
        double start = Evaluator.accuracy(clustered, small.test(), Cancellation.NEVER);
        assertThat(acc).isGreaterThan(start - 0.01);
    }

    @Test
    void quantisationAwareFineTuningEndsOnTheGrid() {
        Model q = ModelQuantization.quantize(pruned, weightsOnly(), Cancellation.NEVER);
        Model tuned = finetune(q);
        for (Tensor t : tuned.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                int[] ints = Quantizer.quantize(t.values(), t.shape(), t.quant());
                assertThat(Quantizer.dequantize(ints, t.shape(), t.quant()))
                        .isEqualTo(t.values());
                assertThat(t.values()).isNotEqualTo(q.tensor(t.name()).values());
                assertThat(t.mask()).isEqualTo(pruned.tensor(t.name()).mask());
            }
        }
        assertThat(Evaluator.accuracy(tuned, small.test(), Cancellation.NEVER)).isGreaterThan(0.7);
    }

    @Test
    void staticQuantisationPutsEveryActivationOnItsGrid() {
        ModelQuantization.Config c = new ModelQuantization.Config(ModelQuantization.Format.INT8,
                ModelQuantization.Mode.STATIC, true, true, false, small.train(), 256,
                ModelQuantization.Method.MINMAX, Set.of());
        Model q = ModelQuantization.quantize(pruned, c, Cancellation.NEVER);
        assertThat(q.activations()).containsKeys(Model.INPUT, "dense1", "dense2", "dense3");
        Network net = new Network(q, 64, false, 0);
        net.loadRange(small.test(), 0, 64);
        net.forward(false);
        assertOnGrid(net.input(), q.activations().get(Model.INPUT));
        for (int i = 0; i < q.layers().size(); i++) {
            assertOnGrid(net.output(i), q.activations().get(q.layers().get(i).name()));
        }
        double acc = Evaluator.accuracy(q, small.test(), Cancellation.NEVER);
        double flt = Evaluator.accuracy(pruned, small.test(), Cancellation.NEVER);
        assertThat(acc).isBetween(flt - 0.03, flt + 0.03);
    }

    private static void assertOnGrid(FloatBuffer b, QuantSpec q) {
        for (int i = 0; i < b.limit(); i++) {
            float v = b.get(i);
            int k = Quantizer.quantize(v, q.scale(0), q.zeroPoint(0), q.qmin(), q.qmax());
            assertThat(Quantizer.dequantize(k, q.scale(0), q.zeroPoint(0))).isEqualTo(v);
        }
    }

    private static ModelQuantization.Config weightsOnly() {
        return new ModelQuantization.Config(ModelQuantization.Format.INT8,
                ModelQuantization.Mode.WEIGHTS, true, true, false, null, 0,
                ModelQuantization.Method.MINMAX, Set.of());
    }

    private static Set<Float> distinct(float[] v) {
        Set<Float> s = new HashSet<>();
        for (float x : v) {
            s.add(x);
        }
        return s;
    }
}
