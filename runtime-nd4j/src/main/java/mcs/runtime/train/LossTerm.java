package mcs.runtime.train;

/**
 * An extra term of the training loss on the logits, added to the softmax cross-entropy (e.g.
 * knowledge distillation from a teacher's logits).
 */
@FunctionalInterface
public interface LossTerm {

    /**
     * For the batch of samples {@code order[from .. from + rows)} of the train split, with the
     * model's {@code logits} ({@code [rows, classes]} row-major): adds the gradient of the term's
     * mean over the batch w.r.t. the logits into {@code grad} (same layout) and returns the sum
     * of the term over the batch.
     */
    double addTo(int[] order, int from, float[] logits, float[] grad, int rows, int classes);
}
