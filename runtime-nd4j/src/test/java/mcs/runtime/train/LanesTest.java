package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mcs.runtime.Engine;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A batch split across lanes: each part on its own thread with one OpenMP thread, the caller's
 * settings put back after, failures reaching the caller, and the same predictions as the
 * network that runs the whole batch.
 */
class LanesTest {

    @BeforeAll
    static void engine() {
        Engine.init();
        assumeTrue(Lanes.COUNT > 1, "one lane: nothing is split");
    }

    @Test
    void eachPartRunsOnItsOwnThreadWithOneOpenMpThread() {
        int before = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<Integer> openMp = ConcurrentHashMap.newKeySet();
        Set<Boolean> inLane = ConcurrentHashMap.newKeySet();
        Lanes.run(2, i -> {
            threads.add(Thread.currentThread().getName());
            openMp.add(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            inLane.add(Lanes.inLane());
        });
        assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(),
                "mcs-lane-1");
        assertThat(openMp).containsExactly(1);
        assertThat(inLane).containsExactly(true);
        assertThat(Lanes.inLane()).isFalse();
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads())
                .isEqualTo(before);
    }

    @Test
    void javaLoopsInALaneRunUnsplit() {
        Set<String> ranges = ConcurrentHashMap.newKeySet();
        Lanes.run(2, i -> Kernels.parallel(1000,
                (from, to) -> ranges.add(i + ":" + from + "-" + to)));
        assertThat(ranges).containsExactlyInAnyOrder("0:0-1000", "1:0-1000");
        Set<String> outside = ConcurrentHashMap.newKeySet();
        Kernels.parallel(1000, (from, to) -> outside.add(from + "-" + to));
        assertThat(outside).containsExactlyInAnyOrder("0-500", "500-1000");
    }

    @Test
    void aPartsFailureReachesTheCallerAndTheLanesGoOn() {
        assertThatThrownBy(() -> Lanes.run(2, i -> {
            if (i == 1) {
                throw new IllegalStateException("part " + i + " failed");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("part 1 failed");
        int[] ran = new int[2];
        Lanes.run(2, i -> ran[i]++);
        assertThat(ran).containsExactly(1, 1);
    }

    @Test
    void aSplitBatchPredictsWhatTheWholeBatchDoes() {
        for (Model model : List.of(ReferenceModels.lenet5(5), InferencePlanTest.colour())) {
            for (int batch : new int[] {16, 37, 64}) {
                Network split = Network.forInference(model, batch, false);
                assertThat(split.parts()).as("%s at batch %d", model.name(), batch).isEqualTo(2);
                float[] x = Outputs.randomInputs(model, batch, batch);
                float[] expected = Outputs.logits(new Network(model, batch, false, 0), x);
                float[] actual = Outputs.logits(split, x);
                float scale = 0;
                for (float v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("%s at batch %d, value %d", model.name(), batch, i)
                            .isCloseTo(expected[i], within(1e-5f * scale));
                }
            }
        }
    }

    @Test
    void smallBatchesAndLayersOffTheLanesRunWhole() {
        Model lenet = ReferenceModels.lenet5(5);
        assertThat(Network.forInference(lenet, 2 * Network.MIN_PART - 1, false).parts())
                .isEqualTo(1);
        Model normed = Model.sequential("normed", Shape.of(20), List.of(
                new LayerSpec.Dense(16, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Dense(4, Activation.LINEAR)), 1);
        assertThat(Network.forInference(normed, 64, false).parts()).isEqualTo(1);
    }
}
