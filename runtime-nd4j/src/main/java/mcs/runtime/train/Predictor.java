package mcs.runtime.train;

import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;

/**
 * A model's forward pass in inference mode (BatchNorm on moving statistics, no dropout), for up
 * to {@code batch} samples at a time: the logits, before a final softmax. Built once and reused;
 * not thread-safe.
 */
public final class Predictor {

    private final Model model;
    private final Network net;
    private final int sampleSize;

    public Predictor(Model model, int batch) {
        Engine.init();
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.model = model;
        this.net = Network.forInference(model, batch, false);
        this.sampleSize = model.input().size();
    }

    public int batch() {
        return net.batch();
    }

    public int classes() {
        return net.classes();
    }

    /**
     * Logits {@code [count, classes]} row-major for {@code count <= batch} samples laid out one
     * after the other in {@code inputs} (each of the model's input shape, channels first).
     */
    public float[] logits(float[] inputs, int count) {
        if (count < 1 || count > net.batch() || inputs.length < count * sampleSize) {
            throw new IllegalArgumentException("need 1.." + net.batch() + " samples of "
                    + sampleSize + " values, got " + inputs.length + " values for " + count);
        }
        net.loadSamples(inputs, 0, count);
        net.forward(false);
        return net.logits(count);
    }

    /** Logits of every sample of the split, in order, {@code [split.size(), classes]}. */
    public float[] logits(Split split, Cancellation cancel) {
        Network.requireInputShape(model, split);
        float[] out = new float[split.size() * net.classes()];
        for (int from = 0; from < split.size(); from += net.batch()) {
            cancel.check();
            int count = Math.min(net.batch(), split.size() - from);
            net.loadRange(split, from, count);
            net.forward(false);
            System.arraycopy(net.logits(count), 0, out, from * net.classes(),
                    count * net.classes());
        }
        return out;
    }
}
