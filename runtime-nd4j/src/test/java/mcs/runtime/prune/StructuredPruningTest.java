package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.StructuredPruning.Granularity;
import mcs.runtime.prune.StructuredPruning.Norm;
import mcs.runtime.train.Outputs;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Physical removal of filters, units and channels: the kept set against a brute-force ranking,
 * parameter counts against formulas, and outputs against the original model whose next layer
 * ignores the removed channels (so the removal is exact).
 */
class StructuredPruningTest {

    /** conv 6@3 - bn - maxpool - conv 8@3 same - bn - flatten - dense 12 - bn - dense 5. */
    private static Model convNet() {
        return PruneTestModels.randomised(Model.sequential("net", Shape.image(2, 10, 10), List.of(
                new LayerSpec.Conv2D(6, 3, 1, Padding.VALID, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.SIGMOID),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(12, Activation.TANH),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Dense(5, Activation.LINEAR)), 0), 7);
    }

    /** Indices along {@code axis} ranked by brute force (norm descending, then index), kept. */
    private static int[] keptByNorm(Tensor t, int axis, double fraction, boolean l2) {
        int[] s = t.shape();
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        double[] norm = new double[s[axis]];
        for (int i = 0; i < t.size(); i++) {
            double w = t.value(i);
            norm[(i / inner) % s[axis]] += l2 ? w * w : Math.abs(w);
        }
        int keep = Math.max((int) Math.rint(s[axis] * (1 - fraction)), 1);
        return IntStream.range(0, s[axis]).boxed()
                .sorted(Comparator.comparing((Integer c) -> -norm[c]).thenComparing(c -> c))
                .limit(keep).sorted().mapToInt(Integer::intValue).toArray();
    }

    /** The model whose layer {@code consumer} ignores its inputs outside {@code kept}. */
    private static Model ignoring(Model m, String consumer, int[] kept, int block) {
        Tensor k = m.tensor(consumer + ".kernel");
        int[] s = k.shape();
        boolean dense = s.length == 2;
        int inputs = dense ? s[0] : s[1];
        int inner = dense ? s[1] : s[2] * s[3];
        boolean[] keep = new boolean[inputs];
        for (int c : kept) {
            for (int b = 0; b < block; b++) {
                keep[c * block + b] = true;
            }
        }
        float[] v = k.values();
        for (int i = 0; i < v.length; i++) {
            if (!keep[(i / inner) % inputs]) {
                v[i] = 0;
            }
        }
        return m.withTensors(List.of(k.withValues(v)));
    }

    private static void assertSameOutputs(Model a, Model b) {
        float[] x = Outputs.randomInputs(a, 4, 9);
        float[] ya = Outputs.of(a, x, 4);
        float[] yb = Outputs.of(b, x, 4);
        assertThat(yb).hasSize(ya.length);
        for (int i = 0; i < ya.length; i++) {
            assertThat(yb[i]).as("output %d", i)
                    .isCloseTo(ya[i], Offset.offset(1e-4f * Math.max(1, Math.abs(ya[i]))));
        }
    }

    @Test
    void filtersAreRemovedExactlyWithBatchNormPoolingAndFlatten() {
        Model base = convNet();
        int[] k1 = keptByNorm(base.tensor("conv1.kernel"), 0, 0.5, false);
        int[] k2 = keptByNorm(base.tensor("conv2.kernel"), 0, 0.5, false);
        Model small = StructuredPruning.prune(base, 0.5, Granularity.FILTER, Norm.L1,
                Selection.ALL);
        assertThat(small.paramCount()).isEqualTo(
                3 * 2 * 9 + 3 + 4 * 3 + 4 * 3 * 9 + 4 + 4 * 4 + 4 * 16 * 12 + 12 + 4 * 12
                        + 12 * 5 + 5);
        assertThat(small.specs().get(0)).isEqualTo(
                new LayerSpec.Conv2D(3, 3, 1, Padding.VALID, Activation.RELU));
        assertThat(small.tensor("batchnorm1.moving_mean").values()).containsExactly(
                pick(base.tensor("batchnorm1.moving_mean").values(), k1));
        Model reference = ignoring(ignoring(base, "conv2", k1, 1), "dense1", k2, 16);
        assertSameOutputs(reference, small);
        assertThat(base.paramCount()).isEqualTo(6 * 18 + 6 + 24 + 8 * 54 + 8 + 32 + 128 * 12
                + 12 + 48 + 65);
        assertThat(small.history()).last().asString().startsWith("prune filter l1 0.5");
    }

    @Test
    void neuronsAreRemovedExactlyAndTheOutputLayerIsKept() {
        Model base = convNet();
        int[] kept = keptByNorm(base.tensor("dense1.kernel"), 1, 0.75, true);
        Model small = StructuredPruning.prune(base, 0.75, Granularity.NEURON, Norm.L2,
                Selection.ALL);
        assertThat(small.specs().get(6)).isEqualTo(new LayerSpec.Dense(3, Activation.TANH));
        assertThat(small.output()).isEqualTo(base.output());
        assertThat(small.history()).last().asString().contains("left as is: dense2");
        assertSameOutputs(ignoring(base, "dense2", kept, 1), small);
        assertThatThrownBy(() -> StructuredPruning.prune(base, 0.5, Granularity.NEURON, Norm.L1,
                new Selection(List.of("dense2"), List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dense2 cannot lose units: it is the output layer (the classes)");
    }

    @Test
    void inputChannelsAreRankedByTheConsumersKernel() {
        Model base = convNet();
        int[] kept = keptByNorm(base.tensor("conv2.kernel"), 1, 0.5, false);
        Model small = StructuredPruning.prune(base, 0.5, Granularity.CHANNEL, Norm.L1,
                Selection.ALL);
        assertThat(small.tensor("conv2.kernel").shape()).containsExactly(8, 3, 3, 3);
        assertThat(small.tensor("conv1.kernel").shape()).containsExactly(3, 2, 3, 3);
        assertThat(small.history()).last().asString()
                .contains("conv1 (its input channels are the model's input)");
        assertSameOutputs(ignoring(base, "conv2", kept, 1), small);
    }

    @Test
    void lenetParamsDropAsTheFormulaSaysAndLatencyIsMeasured() {
        Model lenet5 = ReferenceModels.lenet5(0);
        Model f = StructuredPruning.prune(lenet5, 0.5, Granularity.FILTER, Norm.L1, Selection.ALL);
        int c1 = 10, c2 = 25;
        assertThat(f.paramCount()).isEqualTo(c1 * 25 + c1 + c2 * c1 * 25 + c2
                + c2 * 16 * 500 + 500 + 5010);
        Model lenet300 = ReferenceModels.lenet300(0);
        Model n = StructuredPruning.prune(lenet300, 0.5, Granularity.NEURON, Norm.L1,
                Selection.ALL);
        assertThat(n.paramCount()).isEqualTo(784 * 150 + 150 + 150 * 50 + 50 + 50 * 10 + 10);
        for (Model[] pair : new Model[][] {{lenet5, f}, {lenet300, n}}) {
            double before = mcs.runtime.train.Evaluator.latencyMillis(pair[0]);
            double after = mcs.runtime.train.Evaluator.latencyMillis(pair[1]);
            System.out.printf(java.util.Locale.ROOT, "latency %s: %,d params %.3f ms -> "
                    + "%,d params %.3f ms (batch 1, median)%n", pair[0].name(),
                    pair[0].paramCount(), before, pair[1].paramCount(), after);
        }
    }

    @Test
    void residualBodiesShrinkInsideAndKeepTheirShape() {
        Model base = PruneTestModels.randomised(Model.sequential("res", Shape.image(4, 6, 6),
                List.of(new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.RELU),
                        new LayerSpec.Residual(List.of(
                                new LayerSpec.Conv2D(6, 3, 1, Padding.SAME, Activation.RELU),
                                new LayerSpec.BatchNorm(1e-3, 0.9),
                                new LayerSpec.Conv2D(4, 3, 1, Padding.SAME, Activation.LINEAR))),
                        new LayerSpec.Flatten(),
                        new LayerSpec.Dense(3, Activation.LINEAR)), 0), 4);
        int[] kept = keptByNorm(base.tensor("conv2.kernel"), 0, 0.5, false);
        Model small = StructuredPruning.prune(base, 0.5, Granularity.FILTER, Norm.L1,
                Selection.ALL);
        assertThat(small.tensor("conv2.kernel").shape()).containsExactly(3, 4, 3, 3);
        assertThat(small.tensor("batchnorm1.gamma").shape()).containsExactly(3);
        assertThat(small.history()).last().asString()
                .contains("conv1 (it feeds residual1, whose skip connection needs all its "
                        + "channels)")
                .contains("conv3 (its output ends residual1, which must keep the block's shape)");
        assertSameOutputs(ignoring(base, "conv3", kept, 1), small);
        assertThatThrownBy(() -> StructuredPruning.prune(base, 0.5, Granularity.FILTER, Norm.L1,
                new Selection(List.of("conv3"), List.of())))
                .hasMessageContaining("conv3 cannot lose filters: its output ends residual1");
    }

    @Test
    void pureDeterministicKeepsMasksAndRefusesBadSettings() {
        Model base = convNet();
        float[] before = base.tensor("conv2.kernel").values();
        Model masked = Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 1));
        Model unplanned = masked.withPlan(null);
        Model a = StructuredPruning.prune(unplanned, 0.5, Granularity.FILTER, Norm.L1,
                Selection.ALL);
        Model b = StructuredPruning.prune(unplanned, 0.5, Granularity.FILTER, Norm.L1,
                Selection.ALL);
        assertThat(a.tensor("dense1.kernel").values()).containsExactly(
                b.tensor("dense1.kernel").values());
        assertThat(base.tensor("conv2.kernel").values()).containsExactly(before);
        // masks of the kept weights are kept: the mask is sliced like the values
        int[] k2 = keptByNorm(unplanned.tensor("conv2.kernel"), 0, 0.5, false);
        boolean[] m = unplanned.tensor("dense2.kernel").mask();
        assertThat(a.tensor("dense2.kernel").mask()).containsExactly(m);
        boolean[] d1 = unplanned.tensor("dense1.kernel").mask();
        List<Boolean> want = new ArrayList<>();
        for (int c : k2) {
            for (int r = c * 16; r < c * 16 + 16; r++) {
                for (int j = 0; j < 12; j++) {
                    want.add(d1[r * 12 + j]);
                }
            }
        }
        boolean[] got = a.tensor("dense1.kernel").mask();
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).isEqualTo(want.get(i));
        }
        assertThatThrownBy(() -> StructuredPruning.prune(masked, 0.5, Granularity.FILTER,
                Norm.L1, Selection.ALL)).hasMessageContaining("pending pruning schedule");
        assertThatThrownBy(() -> StructuredPruning.prune(base, 1.0, Granularity.FILTER,
                Norm.L1, Selection.ALL)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> StructuredPruning.prune(ReferenceModels.lenet300(0), 0.5,
                Granularity.FILTER, Norm.L1, Selection.ALL))
                .hasMessageContaining("lenet300 has no conv layer to lose filters; "
                        + "granularity=neuron");
    }

    private static float[] pick(float[] v, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
