package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Split;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model made executable for one batch size: parameters in a {@link ParamStore}, one
 * {@link Exec} per top-level layer wired buffer to buffer, a softmax cross-entropy loss on the
 * logits. A final softmax is left to the loss; argmax is the same either way.
 */
final class Network {

    final ParamStore store;
    private final int batch;
    private final int classes;
    private final INDArray input;
    private final FloatBuffer fInput;
    private final List<Exec> layers = new ArrayList<>();
    private final INDArray logits;
    private final INDArray dLogits;
    private final int[] labels;

    Network(Model model, int batch, boolean training, long seed) {
        this.store = new ParamStore(model);
        this.batch = batch;
        Shape out = model.output();
        if (out.rank() != 1) {
            throw new InvalidInputException(model.name() + " ends with output " + out
                    + "; a classifier must end with a vector of class scores (add flatten() and dense(n))");
        }
        this.classes = out.dim(0);
        this.input = Exec.buffer(batch, model.input());
        this.fInput = Exec.fb(input);
        Random random = new Random(seed);
        INDArray x = input;
        List<Layer> top = model.layers();
        for (int i = 0; i < top.size(); i++) {
            Exec e = Exec.create(top.get(i), x, batch, store, i > 0 && training,
                    i == top.size() - 1, random);
            layers.add(e);
            x = e.out;
        }
        this.logits = x;
        this.labels = new int[batch];
        if (training) {
            INDArray grad = Exec.buffer(batch, out);
            this.dLogits = grad;
            for (int i = layers.size() - 1; i >= 0; i--) {
                grad = layers.get(i).wireBackward(grad);
            }
        } else {
            this.dLogits = null;
        }
    }

    /** Refuses data whose samples do not have the model's input shape. */
    static void requireInputShape(Model model, Split split) {
        if (!model.input().equals(split.sampleShape())) {
            throw new InvalidInputException(model.name() + " takes inputs of shape " + model.input()
                    + " but " + split.name() + " samples have shape " + split.sampleShape());
        }
    }

    int batch() {
        return batch;
    }

    int classes() {
        return classes;
    }

    /** Loads samples {@code order[from..from+batch)} and their labels. */
    void load(Split split, int[] order, int from) {
        split.copyBatch(order, from, batch, fInput);
        for (int r = 0; r < batch; r++) {
            labels[r] = split.label(order[from + r]);
        }
    }

    /** Loads {@code count <= batch} consecutive samples; the remaining rows keep old data. */
    void loadRange(Split split, int from, int count) {
        split.copyRange(from, count, fInput);
        for (int r = 0; r < count; r++) {
            labels[r] = split.label(from + r);
        }
    }

    /** Loads {@code count <= batch} samples given as raw values (no labels). */
    void loadInputs(float[] x, int count) {
        fInput.put(0, x, 0, count * (int) (input.length() / batch));
    }

    /** A copy of the logits of the first {@code count} rows, after a forward pass. */
    float[] logits(int count) {
        float[] z = new float[count * classes];
        Exec.fb(logits).get(0, z);
        return z;
    }

    /**
     * Adds an extra loss term's gradient into the logits' gradient (after
     * {@link #lossAndGradient()}) for samples {@code order[from..from+batch)}; returns its sum.
     */
    double addLossTerm(LossTerm term, int[] order, int from) {
        float[] z = logits(batch);
        float[] d = new float[z.length];
        FloatBuffer dz = Exec.fb(dLogits);
        dz.get(0, d);
        double loss = term.addTo(order, from, z, d, batch, classes);
        dz.put(0, d);
        return loss;
    }

    void forward(boolean training) {
        for (Exec e : layers) {
            e.forward(training);
        }
    }

    /** Loss and gradient on the loaded batch; returns {sum of losses, correct}. */
    double[] lossAndGradient() {
        return Kernels.softmaxCrossEntropy(Exec.fb(logits), Exec.fb(dLogits), batch, batch, classes,
                labels);
    }

    void backward() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            layers.get(i).backward();
        }
    }

    /** Correct predictions among the first {@code valid} loaded rows (after a forward pass). */
    int correct(int valid) {
        FloatBuffer z = Exec.fb(logits);
        int c = 0;
        for (int r = 0; r < valid; r++) {
            if (Kernels.argmax(z, r * classes, classes) == labels[r]) {
                c++;
            }
        }
        return c;
    }
}
