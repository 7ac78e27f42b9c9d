package mcs.runtime.distill;

import java.util.Locale;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Dataset;
import mcs.runtime.model.Model;
import mcs.runtime.train.LossTerm;
import mcs.runtime.train.Predictor;
import mcs.runtime.train.ProgressListener;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;

/**
 * Knowledge distillation (Hinton et al. 2015; the Keras Distiller example): trains a student on
 * the train split with {@code CE(y, s) + alpha T^2 KL(softmax(t / T) || softmax(s / T))}. The
 * teacher runs in inference mode (moving BatchNorm statistics, no dropout), so its logits for a
 * sample never change: they are computed in one forward pass over the train split before
 * training, which gives the same loss as a teacher pass per batch at a fraction of the cost.
 */
public final class Distillation {

    private static final int TEACHER_BATCH = 500;

    private Distillation() {
    }

    public static Model distill(Model student, Model teacher, Dataset data, TrainConfig config,
                                DistillationLoss loss, ProgressListener progress,
                                Cancellation cancel) {
        if (!teacher.output().equals(student.output())) {
            throw new InvalidInputException("distill: the teacher " + teacher.name()
                    + " outputs " + teacher.output() + " but the student " + student.name()
                    + " outputs " + student.output() + "; both must score the same classes");
        }
        int n = data.train().size();
        float[] teacherLogits = new Predictor(teacher, Math.min(TEACHER_BATCH, Math.max(1, n)))
                .logits(data.train(), cancel);
        int classes = student.output().dim(0);
        LossTerm term = (order, from, logits, grad, rows, k) -> {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += loss.addTo(logits, r * k, teacherLogits, order[from + r] * classes, k,
                        grad, 1.0 / rows);
            }
            return sum;
        };
        Model trained = Trainer.fit(student, data, config, "distill", progress, cancel, term);
        return trained.withHistory(String.format(Locale.ROOT, "distilled from %s (T %s, alpha %s)",
                teacher.name(), loss.temperature(), loss.alpha()));
    }
}
