package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import mcs.runtime.Engine;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.quant.QuantSpec;
import org.junit.jupiter.api.Test;

/**
 * Which layers a forward-only network runs channels last and with the ReLU after the pool, and
 * that doing so changes no output: the same logits, bit for bit, as the network that runs every
 * layer channels first with its own activation.
 */
class InferencePlanTest {

    /** A colour-image network: SAME and VALID convolutions, two pools, two dense layers. */
    static Model colour() {
        return Model.sequential("colour", Shape.image(3, 20, 20), List.of(
                new LayerSpec.Conv2D(16, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Conv2D(24, 3, 1, Padding.VALID, Activation.TANH),
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(12, Activation.RELU),
                new LayerSpec.Dense(5, Activation.LINEAR)), 3);
    }

    @Test
    void lenet5AtBatch32RunsChannelsLastToTheFlatten() {
        List<InferencePlan.Step> plan = InferencePlan.of(ReferenceModels.lenet5(1), 32, false);
        // conv1, maxpool1, conv2, maxpool2, flatten1, dense1, dense2 (linear convolutions)
        assertThat(plan).extracting(InferencePlan.Step::channelsLast)
                .containsExactly(true, true, true, true, true, false, false);
        assertThat(plan).extracting(InferencePlan.Step::deferActivation).containsOnly(false);
        assertThat(plan).extracting(InferencePlan.Step::after).containsOnly(Activation.LINEAR);
    }

    @Test
    void aReluBeforeAMaxPoolRunsAfterIt() {
        List<InferencePlan.Step> plan = InferencePlan.of(colour(), 32, false);
        // conv1 relu, maxpool1, conv2 tanh, conv3 relu, maxpool2, flatten1, dense1, dense2
        assertThat(plan).extracting(InferencePlan.Step::channelsLast)
                .containsExactly(true, true, true, true, true, true, false, false);
        assertThat(plan).extracting(InferencePlan.Step::deferActivation)
                .containsExactly(true, false, false, true, false, false, false, false);
        assertThat(plan).extracting(InferencePlan.Step::after).containsExactly(Activation.LINEAR,
                Activation.RELU, Activation.LINEAR, Activation.LINEAR, Activation.RELU,
                Activation.LINEAR, Activation.LINEAR, Activation.LINEAR);
    }

    @Test
    void nothingIsRearrangedAtBatchOneWhenObservedOrAroundOtherLayers() {
        Model lenet = ReferenceModels.lenet5(1);
        // batch 1: the convolutions run as im2col + gemm, channels first
        assertThat(InferencePlan.of(lenet, 1, false)).allSatisfy(s -> {
            assertThat(s.channelsLast()).isFalse();
            assertThat(s.deferActivation()).isFalse();
        });
        assertThat(InferencePlan.of(lenet, 32, true)).allSatisfy(s -> {
            assertThat(s.channelsLast()).isFalse();
            assertThat(s.deferActivation()).isFalse();
            assertThat(s.after()).isEqualTo(Activation.LINEAR);
        });
        Model normed = Model.sequential("bn", Shape.image(1, 12, 12), List.of(
                new LayerSpec.Conv2D(16, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(3, Activation.LINEAR)), 1);
        assertThat(InferencePlan.channelsLastEnd(normed, 64, false)).isEqualTo(-1);
        Model averaged = Model.sequential("avg", Shape.image(1, 12, 12), List.of(
                new LayerSpec.Conv2D(16, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Pool(false, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(3, Activation.LINEAR)), 1);
        List<InferencePlan.Step> plan = InferencePlan.of(averaged, 64, false);
        assertThat(plan.get(0).channelsLast()).isFalse();
        assertThat(plan.get(0).deferActivation()).isFalse(); // max(relu) = relu(max), not mean
    }

    @Test
    void aQuantisedConvolutionOutputKeepsItsOwnRelu() {
        Model model = colour();
        String first = model.layers().get(0).name();
        Model quantised = model.withActivations(Map.of(first,
                QuantSpec.fromRange(8, false, false, 0f, 4f)));
        List<InferencePlan.Step> plan = InferencePlan.of(quantised, 32, false);
        assertThat(plan.get(0).deferActivation()).isFalse();
        assertThat(plan.get(1).after()).isEqualTo(Activation.LINEAR);
        assertThat(plan.get(3).deferActivation()).isTrue();
    }

    @Test
    void channelsLastLogitsEqualChannelsFirstLogitsExactly() {
        Engine.init();
        for (Model model : List.of(ReferenceModels.lenet5(5), colour())) {
            for (int batch : new int[] {32, 64}) {
                assertThat(InferencePlan.channelsLastEnd(model, batch, false)).isPositive();
                float[] x = Outputs.randomInputs(model, batch, batch);
                assertThat(Outputs.logits(new Network(model, batch, false, 0), x))
                        .as("%s at batch %d", model.name(), batch)
                        .containsExactly(Outputs.logits(Network.observing(model, batch), x));
            }
        }
    }
}
