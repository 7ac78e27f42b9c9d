package mcs.runtime.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.PackageInstaller;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.train.Evaluator;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distillation on 4,096 Fashion-MNIST samples: a trained LeNet-300-100 teaches a small MLP. */
class DistillationTest {

    static Dataset small;
    static Model teacher;

    @BeforeAll
    static void teacher() {
        Dataset full = new Datasets(Map.of(), Path.of("/nonexistent"), s -> { },
                PackageInstaller.NONE).load("fashion-mnist", null);
        small = new Dataset("fashion-mnist-small", full.train().head(4096),
                full.test().head(2000));
        teacher = Trainer.fit(ReferenceModels.lenet300(0), small, config(4), "train", s -> { },
                Cancellation.NEVER);
    }

    private static TrainConfig config(int epochs) {
        return new TrainConfig(epochs, 64, 1e-3, Optimizer.ADAM, 7);
    }

    private static Model student() {
        return ReferenceModels.mlp("student", List.of(32), 10, 1);
    }

    @Test
    void alphaZeroIsPlainTrainingAndDistillationTrainsTheStudent() {
        Model plain = Trainer.fit(student(), small, config(2), "train", s -> { },
                Cancellation.NEVER);
        Model noTerm = Distillation.distill(student(), teacher, small, config(2),
                new DistillationLoss(4, 0), s -> { }, Cancellation.NEVER);
        assertThat(noTerm.tensor("dense1.kernel").values())
                .containsExactly(plain.tensor("dense1.kernel").values());
        Model distilled = Distillation.distill(student(), teacher, small, config(2),
                new DistillationLoss(4, 0.9), s -> { }, Cancellation.NEVER);
        assertThat(distilled.tensor("dense1.kernel").values())
                .isNotEqualTo(plain.tensor("dense1.kernel").values());
        double accTeacher = Evaluator.accuracy(teacher, small.test(), Cancellation.NEVER);
        double accPlain = Evaluator.accuracy(plain, small.test(), Cancellation.NEVER);
        double accDistilled = Evaluator.accuracy(distilled, small.test(), Cancellation.NEVER);
        System.out.printf("teacher %.4f, student plain %.4f, distilled %.4f%n", accTeacher,
                accPlain, accDistilled);
        assertThat(accDistilled).isGreaterThan(0.7).isGreaterThan(accPlain - 0.02);
        assertThat(distilled.history()).last().asString()
                .isEqualTo("distilled from lenet300 (T 4.0, alpha 0.9)");
    }

    @Test
    void teacherAndStudentMustScoreTheSameClasses() {
        Model wide = ReferenceModels.mlp("wide", List.of(8), 12, 1);
        assertThatThrownBy(() -> Distillation.distill(student(), wide, small, config(1),
                new DistillationLoss(4, 0.9), s -> { }, Cancellation.NEVER))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("both must score the same classes");
    }
}
