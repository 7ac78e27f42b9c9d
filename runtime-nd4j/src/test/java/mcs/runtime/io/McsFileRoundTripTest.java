package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import mcs.runtime.data.Split;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Precision;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whole models through a file: same graph, same tensors bit for bit, same outputs. */
class McsFileRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Model> models() {
        Model residual = Model.sequential("cnn", Shape.image(1, 12, 12), List.of(
                new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Residual(List.of(
                        new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.RELU),
                        new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.LINEAR))),
                new LayerSpec.Pool(false, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dropout(0.25),
                new LayerSpec.Dense(10, Activation.SOFTMAX)), 3);
        Model batchnorm = Model.sequential("bn", Shape.of(20), List.of(
                new LayerSpec.Dense(16, Activation.TANH), new LayerSpec.BatchNorm(1e-5, 0.9),
                new LayerSpec.Act(Activation.SIGMOID), new LayerSpec.Dense(5, Activation.LINEAR)),
                4);
        return Stream.of(ReferenceModels.lenet5(1), ReferenceModels.lenet300(2),
                ReferenceModels.mlp("mlp", List.of(64, 32), 10, 5), residual, batchnorm,
                CompressedModels.deepCompressed(ReferenceModels.lenet5(6), 0.9, 16, 1),
                mixed(randomised(residual)), mixed(randomised(batchnorm)),
                mixed(randomised(ReferenceModels.lenet300(8))));
    }

    @ParameterizedTest
    @MethodSource("models")
    void savedModelsLoadBackBitForBit(Model m) throws Exception {
        Path file = dir.resolve(m.name() + ".mcz");
        long bytes = McsFile.save(m, file);
        assertThat(Files.size(file)).isEqualTo(bytes).isEqualTo(McsFile.size(m));
        Model back = McsFile.load(file);
        assertThat(back.name()).isEqualTo(m.name());
        assertThat(back.input()).isEqualTo(m.input());
        assertThat(back.specs()).isEqualTo(m.specs());
        assertThat(back.history()).isEqualTo(m.history());
        assertThat(back.activations()).isEqualTo(m.activations());
        assertThat(back.tensors()).hasSameSizeAs(m.tensors());
        for (Tensor t : m.tensors()) {
            assertThat(TensorCodec.sameState(t, back.tensor(t.name()))).as(t.name()).isTrue();
        }
        Split data = randomSplit(m.input(), m.output().dim(0), 8);
        assertThat(Outputs.logits(back, data, 8)).containsExactly(Outputs.logits(m, data, 8));
        assertThat(McsFile.encode(back)).isEqualTo(McsFile.encode(m));
    }

    @Test
    void sizeCountsSparseClusteredModelsFarBelowDense() {
        Model dense = ReferenceModels.lenet300(1);
        Model small = CompressedModels.deepCompressed(dense, 0.9, 16, 1);
        assertThat(McsFile.size(small) * 20).isLessThan(McsFile.size(dense));
        assertThat(McsFile.size(dense)).isLessThan(dense.paramCount() * 4 + 1000);
    }

    /** Random values everywhere (biases and batch-norm statistics too). */
    static Model randomised(Model m) {
        Random r = new Random(m.name().hashCode());
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (t.role() == TensorRole.MOVING_VARIANCE ? 0.5 + r.nextDouble()
                        : 0.1 * r.nextGaussian());
            }
            out.add(t.withValues(v));
        }
        return m.withTensors(out).withHistory("randomised");
    }

    /** Every kind of state on one model: int8 per channel, int4, fp16, bf16, pruning. */
    static Model mixed(Model m) {
        List<Tensor> out = new ArrayList<>();
        int i = 0;
        for (Tensor t : m.tensors()) {
            Tensor x = t;
            switch (i++ % 4) {
                case 0 -> x = x.withQuant(x.shape().length > 1
                        ? WeightQuantizer.int8PerChannel(x.values(), x.shape(), 0)
                        : WeightQuantizer.perTensor(x.values(), 4, false, false));
                case 1 -> x = x.withPrecision(Precision.FP16);
                case 2 -> x = x.withMask(mcs.runtime.prune.MagnitudePruner.mask(x.values(), 0.5))
                        .withPrecision(Precision.BF16);
                default -> { }
            }
            out.add(x);
        }
        QuantSpec in = QuantSpec.fromRange(8, false, false, 0f, 1f);
        return m.withTensors(out).withActivations(Map.of(Model.INPUT, in));
    }

    static Split randomSplit(Shape input, int classes, int n) {
        Random r = new Random(42);
        float[] x = new float[n * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = new int[n];
        return new Split("random", input, x, y, classes);
    }
}
