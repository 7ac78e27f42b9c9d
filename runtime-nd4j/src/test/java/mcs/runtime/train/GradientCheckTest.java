package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import mcs.runtime.data.Split;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.Window;
import org.junit.jupiter.api.Test;

/** Analytic gradients of every layer kind against central finite differences of the loss. */
class GradientCheckTest {

    private static final int BATCH = 6;

    @Test
    void denseTanhSigmoidSoftmax() {
        check(List.of(new LayerSpec.Flatten(),
                new LayerSpec.Dense(7, Activation.TANH),
                new LayerSpec.Dense(5, Activation.SIGMOID),
                new LayerSpec.Dense(4, Activation.LINEAR),
                new LayerSpec.Act(Activation.SOFTMAX)), Shape.image(1, 3, 3));
    }

    @Test
    void convolutionsValidSameStridedAndPooling() {
        check(List.of(new LayerSpec.Conv2D(3, 3, 1, Padding.VALID, Activation.TANH),
                new LayerSpec.Conv2D(4, 3, 2, Padding.SAME, Activation.LINEAR),
                new LayerSpec.Pool(false, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(4, Activation.LINEAR)), Shape.image(2, 9, 9));
    }

    @Test
    void convolutionWithSoftmaxNormalisesEachSample() {
        check(List.of(new LayerSpec.Conv2D(2, 3, 1, Padding.VALID, Activation.SOFTMAX),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(4, Activation.LINEAR)), Shape.image(1, 5, 5));
    }

    @Test
    void convolutionsWithManyInputChannels() {
        // more than Exec.IM2COL_MAX_CHANNELS: ND4J's conv2d ops rather than im2col
        check(List.of(new LayerSpec.Conv2D(6, 3, 1, Padding.SAME, Activation.SIGMOID),
                new LayerSpec.Conv2D(3, 3, 2, Padding.VALID, Activation.TANH),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(4, Activation.LINEAR)), Shape.image(5, 7, 7));
    }

    @Test
    void maxPoolReluBatchNormAndResidual() {
        check(List.of(new LayerSpec.Conv2D(3, 3, 1, Padding.SAME, Activation.LINEAR),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Residual(List.of(
                        new LayerSpec.Conv2D(3, 3, 1, Padding.SAME, Activation.TANH),
                        new LayerSpec.Act(Activation.SIGMOID))),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(6, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Dense(4, Activation.LINEAR)), Shape.image(1, 6, 6));
    }

    @Test
    void groupedConvolutionsWithRectangularStridesAndAsymmetricPads() {
        check(List.of(new LayerSpec.Conv2D(4, Window.explicit(3, 2, 2, 1, new int[] {1, 0, 0, 1}),
                        2, Activation.TANH),
                new LayerSpec.Conv2D(4, Window.explicit(3, 3, 1, 2, new int[] {1, 1, 1, 1}),
                        4, Activation.LINEAR),
                new LayerSpec.Pool(false, Window.explicit(2, 2, 2, 2, new int[] {1, 1, 0, 0}), true),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(4, Activation.LINEAR)), Shape.image(2, 7, 6));
    }

    @Test
    void branchesMergedByAddMulAndConcat() {
        LayerSpec squeezeExcite = new LayerSpec.Branch(List.of(List.of(), List.of(
                new LayerSpec.GlobalPool(false, true),
                new LayerSpec.Conv2D(3, 1, 1, Padding.VALID, Activation.LINEAR),
                new LayerSpec.Act(Activation.HARD_SIGMOID))), LayerSpec.Branch.Merge.MUL);
        LayerSpec fire = new LayerSpec.Branch(List.of(
                List.of(new LayerSpec.Conv2D(2, 1, 1, Padding.VALID, Activation.LINEAR)),
                List.of(new LayerSpec.Conv2D(3, 3, 1, Padding.SAME, Activation.TANH))),
                LayerSpec.Branch.Merge.CONCAT);
        LayerSpec residual = new LayerSpec.Branch(List.of(
                List.of(new LayerSpec.Conv2D(5, 1, 1, Padding.VALID, Activation.LINEAR)),
                List.of(new LayerSpec.Affine(0.5, 0.1), new LayerSpec.Clip(-0.8, 0.9),
                        new LayerSpec.Conv2D(5, 3, 1, Padding.SAME, Activation.LINEAR))),
                LayerSpec.Branch.Merge.ADD);
        check(List.of(new LayerSpec.Conv2D(3, 3, 1, Padding.SAME, Activation.TANH), squeezeExcite,
                fire, residual, new LayerSpec.Pool(false, 2, 2, Padding.SAME),
                new LayerSpec.GlobalPool(false, false),
                new LayerSpec.Dense(4, Activation.LINEAR),
                new LayerSpec.Act(Activation.LOG_SOFTMAX)), Shape.image(2, 5, 5));
    }

    private static void check(List<LayerSpec> specs, Shape input) {
        Model model = Model.sequential("check", input, specs, 11);
        Split data = randomSplit(input, 4, 5);
        Network net = new Network(model, BATCH, true, 0);
        int[] order = IntStream.range(0, BATCH).toArray();
        net.load(data, order, 0);
        net.forward(true);
        net.lossAndGradient();
        net.backward();
        float[] g = new float[net.store.size()];
        net.store.g.get(0, g);
        List<String> checked = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            if (!t.role().trainable()) {
                continue;
            }
            int off = net.store.slot(t.name()).offset();
            Integer[] idx = IntStream.range(off, off + t.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> -Math.abs(g[i])))
                    .limit(3).toArray(Integer[]::new);
            for (int i : idx) {
                double numeric = numericGradient(net, i);
                assertThat(g[i]).as("%s[%d] analytic vs numeric %.6g", t.name(), i - off, numeric)
                        .isCloseTo((float) numeric,
                                org.assertj.core.data.Offset.offset((float) (2e-2 * Math.max(1e-3,
                                        Math.abs(numeric)) + 2e-4)));
            }
            checked.add(t.name());
        }
        assertThat(checked).isNotEmpty();
    }

    private static double numericGradient(Network net, int i) {
        float h = 1e-2f;
        float p0 = net.store.p.get(i);
        net.store.p.put(i, p0 + h);
        net.forward(true);
        double plus = net.lossAndGradient()[0] / BATCH;
        net.store.p.put(i, p0 - h);
        net.forward(true);
        double minus = net.lossAndGradient()[0] / BATCH;
        net.store.p.put(i, p0);
        return (plus - minus) / (2 * h);
    }

    static Split randomSplit(Shape shape, int classes, long seed) {
        Random r = new Random(seed);
        int n = BATCH;
        float[] x = new float[n * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return new Split("random", shape, x, y, classes);
    }
}
