package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mcs.runtime.Cancellation;
import mcs.runtime.CancelledException;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.PackageInstaller;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.PolynomialDecay;
import mcs.runtime.prune.Pruning;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TrainerTest {

    static Dataset full;
    static Dataset small;

    @BeforeAll
    static void data() {
        full = new Datasets(Map.of(), Path.of("/nonexistent"), s -> { }, PackageInstaller.NONE)
                .load("fashion-mnist", null);
        small = new Dataset("fashion-mnist-small", full.train().head(4096), full.test().head(2000));
    }

    private static TrainConfig config(int epochs, long seed) {
        return new TrainConfig(epochs, 128, 1e-3, Optimizer.ADAM, seed);
    }

    @Test
    void lenet300LearnsFashionMnistInOneEpoch() {
        List<TrainingStatus> seen = new ArrayList<>();
        Model m = Trainer.fit(ReferenceModels.lenet300(0), full, config(1, 0), "train", seen::add,
                Cancellation.NEVER);
        double acc = Evaluator.accuracy(m, full.test(), Cancellation.NEVER);
        assertThat(acc).isGreaterThan(0.84);
        assertThat(m.trainedOn()).isSameAs(full);
        assertThat(seen).last().satisfies(s -> {
            assertThat(s.epochDone()).isTrue();
            assertThat(s.step()).isEqualTo(468);
            assertThat(s.loss()).isBetween(0.2, 0.8);
        });
    }

    @Test
    void trainingIsPureAndDeterministicForASeed() {
        Model start = ReferenceModels.lenet300(1);
        float[] before = start.tensor("dense1.kernel").values();
        Model a = Trainer.fit(start, small, config(1, 5), "train", ProgressListener.NONE, Cancellation.NEVER);
        Model b = Trainer.fit(start, small, config(1, 5), "train", ProgressListener.NONE, Cancellation.NEVER);
        Model c = Trainer.fit(start, small, config(1, 6), "train", ProgressListener.NONE, Cancellation.NEVER);
        assertThat(start.tensor("dense1.kernel").values()).containsExactly(before);
        assertThat(a.tensor("dense2.kernel").values()).containsExactly(b.tensor("dense2.kernel").values());
        assertThat(a.tensor("dense2.kernel").values()).isNotEqualTo(c.tensor("dense2.kernel").values());
    }

    @Test
    void masksSurviveFineTuning() {
        Model trained = Trainer.fit(ReferenceModels.lenet300(0), small, config(1, 0), "train",
                ProgressListener.NONE, Cancellation.NEVER);
        Model pruned = Pruning.prune(trained, new ConstantSparsity(0.7, 0, -1, 100));
        assertThat(pruned.sparsity()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-4));
        Model tuned = Trainer.fit(pruned, small, config(1, 0), "finetune", ProgressListener.NONE,
                Cancellation.NEVER);
        Model again = Trainer.fit(tuned, small, config(1, 3), "finetune", ProgressListener.NONE,
                Cancellation.NEVER);
        for (Model m : List.of(tuned, again)) {
            assertThat(m.plan()).isNull();
            for (Tensor t : m.tensors()) {
                if (t.hasMask()) {
                    boolean[] mask = t.mask();
                    for (int i = 0; i < mask.length; i++) {
                        if (!mask[i]) {
                            assertThat(t.value(i)).isZero();
                        }
                    }
                }
            }
            assertThat(m.sparsity()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(again.tensor("dense1.kernel").mask())
                .containsExactly(tuned.tensor("dense1.kernel").mask());
        assertThat(again.tensor("dense1.kernel").values())
                .isNotEqualTo(tuned.tensor("dense1.kernel").values());
    }

    @Test
    void polynomialScheduleRampsDuringFineTuningAndEndsAtTarget() {
        Model trained = Trainer.fit(ReferenceModels.lenet300(0), small, config(1, 0), "train",
                ProgressListener.NONE, Cancellation.NEVER);
        Model planned = Pruning.prune(trained, new PolynomialDecay(0, 0.8, 0, -1, 3, 10));
        List<Double> sparsities = new ArrayList<>();
        Model tuned = Trainer.fit(planned, small, new TrainConfig(2, 128, 1e-3, Optimizer.ADAM, 0),
                "finetune", s -> sparsities.add(s.sparsity()), Cancellation.NEVER);
        assertThat(sparsities).last().isEqualTo(0.8);
        assertThat(sparsities.get(0)).isLessThan(0.8);
        assertThat(tuned.sparsity()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(planned.plan()).isNotNull();
    }

    @Test
    void cancellationStopsTrainingAndLeavesTheInput() {
        AtomicInteger steps = new AtomicInteger();
        Model start = ReferenceModels.lenet300(0);
        assertThatThrownBy(() -> Trainer.fit(start, small, config(3, 0), "train",
                ProgressListener.NONE, () -> steps.incrementAndGet() > 5))
                .isInstanceOf(CancelledException.class);
        assertThat(steps.get()).isEqualTo(6);
        assertThat(start.tensor("dense1.bias").nonzeros()).isZero();
    }

    @Test
    @Tag("slow")
    void lenet5ReachesEightyFivePercentInOneEpoch() {
        Model m = Trainer.fit(ReferenceModels.lenet5(0), full, config(1, 0), "train",
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(Evaluator.accuracy(m, full.test(), Cancellation.NEVER)).isGreaterThan(0.85);
    }
}
