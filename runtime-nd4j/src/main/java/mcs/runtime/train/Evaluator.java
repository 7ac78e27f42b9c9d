package mcs.runtime.train;

import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;

/** Measures a model: accuracy on a split, inference latency. */
public final class Evaluator {

    private static final int EVAL_BATCH = 500;

    private Evaluator() {
    }

    /** Top-1 accuracy on the split, in [0, 1]. */
    public static double accuracy(Model model, Split split, Cancellation cancel) {
        Engine.init();
        Network.requireInputShape(model, split);
        if (split.size() == 0) {
            throw new InvalidInputException(split.name() + " has no samples");
        }
        Network net = Network.forInference(model, Math.min(EVAL_BATCH, split.size()), false);
        long correct = 0;
        for (int from = 0; from < split.size(); from += net.batch()) {
            cancel.check();
            int count = Math.min(net.batch(), split.size() - from);
            net.loadRange(split, from, count);
            net.forward(false);
            correct += net.correct(count);
        }
        return (double) correct / split.size();
    }

    /**
     * Runs the model on {@code batch} samples laid out row-major in its input shape (channels
     * first) and returns its outputs as computed, a final softmax included, row-major.
     */
    public static float[] predict(Model model, float[] input, int batch) {
        return run(model, input, batch, true);
    }

    /**
     * The model's outputs (logits: a final softmax is left out) for {@code batch} samples laid
     * out one after another in {@code inputs}, each of the model's input shape (channels
     * first); {@code batch * classes} values, row by row.
     */
    public static float[] logits(Model model, float[] inputs, int batch) {
        return run(model, inputs, batch, false);
    }

    private static float[] run(Model model, float[] inputs, int batch, boolean exact) {
        Engine.init();
        int size = model.input().size();
        if (batch < 1 || (long) batch * size != inputs.length) {
            throw new InvalidInputException(model.name() + " takes samples of " + size
                    + " values (" + model.input() + "); got " + inputs.length + " values for "
                    + batch + " samples");
        }
        Network net = Network.forInference(model, Math.min(EVAL_BATCH, batch), exact);
        float[] out = new float[batch * model.output().size()];
        for (int from = 0; from < batch; from += net.batch()) {
            int count = Math.min(net.batch(), batch - from);
            net.loadSamples(inputs, from, count);
            net.forward(false);
            net.copyOutputs(out, from, count);
        }
        return out;
    }

    /** Median wall time of one forward pass at batch size 1, in milliseconds. */
    public static double latencyMillis(Model model) {
        return latencyMillis(model, 1);
    }

    /**
     * Median wall time of one forward pass over {@code batch} samples, in milliseconds; to
     * compare models, measure them together with {@link Latency#millis}.
     */
    public static double latencyMillis(Model model, int batch) {
        return Latency.millis(java.util.List.of(model), batch, Cancellation.NEVER)[0];
    }
}
