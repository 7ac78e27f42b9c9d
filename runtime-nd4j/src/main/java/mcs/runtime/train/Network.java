package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.data.Split;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model made executable for one batch size: parameters in a {@link ParamStore}, one
 * {@link Exec} per top-level layer wired buffer to buffer, a softmax cross-entropy loss on the
 * logits. A final softmax is left to the loss; argmax is the same either way. For inference a
 * batch may be split in parts run side by side, one per core ({@link #forInference}).
 */
final class Network {

    /**
     * Samples per part at least, for splitting a batch across lanes (LeNet-5 at batch 16, two
     * parts of 8: 0.60 instead of 1.31 ms; smaller parts were not measured).
     */
    static final int MIN_PART = 8;

    final ParamStore store;
    private final int batch;
    private final int classes;
    private final INDArray input;
    private final FloatBuffer fInput;
    /** The input in channels-last order, for a channels-last inference plan on colour images. */
    private final INDArray channelsLastInput;
    private final List<Exec> layers = new ArrayList<>();
    private final INDArray logits;
    private final INDArray dLogits;
    private final int[] labels;
    /** Activation quantisation: the input's spec and one per top-level layer (or null). */
    private final QuantSpec inputQuant;
    private final List<QuantSpec> outputQuant = new ArrayList<>();
    /** For a batch split across lanes: the networks of its parts and where each starts. */
    private final Network[] parts;
    private final int[] partFrom;

    Network(Model model, int batch, boolean training, long seed) {
        this(model, batch, training, seed, false);
    }

    /**
     * With {@code exact}, the model's outputs are computed as they are (a final softmax is
     * applied) and need not be class scores; for prediction, not for training.
     */
    Network(Model model, int batch, boolean training, long seed, boolean exact) {
        this(model, batch, training, seed, exact, false);
    }

    /**
     * A forward-only network whose every top-level output is read after a pass, in the order
     * and with the values the layer computes (see {@link InferencePlan}).
     */
    static Network observing(Model model, int batch) {
        return new Network(model, batch, false, 0, false, true);
    }

    /**
     * A forward-only network for {@code batch} samples whose batch is split in parts of at
     * least {@link #MIN_PART} samples, one per {@link Lanes lane}, where every layer can run
     * on a lane; else the plain one. Outputs agree with the plain network's to float rounding
     * (dense layers sum in another order); with {@code exact} as in the constructor.
     */
    static Network forInference(Model model, int batch, boolean exact) {
        int count = Math.min(Lanes.COUNT, batch / MIN_PART);
        if (count < 2 || !model.layers().stream().allMatch(Network::runsOnLane)) {
            return new Network(model, batch, false, 0, exact);
        }
        return new Network(model, batch, exact, count);
    }

    /**
     * Whether the layer's forward pass can run on one lane: no OpenBLAS threads, no pool of
     * its own (convolutions that fit oneDNN's, pooling, dense, flatten, activations, dropout).
     */
    private static boolean runsOnLane(Layer layer) {
        LayerSpec spec = layer.spec();
        return spec instanceof LayerSpec.Conv2D c ? ConvExec.fits(c, layer)
                : spec instanceof LayerSpec.Dense || spec instanceof LayerSpec.Pool
                || spec instanceof LayerSpec.Flatten || spec instanceof LayerSpec.Reshape
                || spec instanceof LayerSpec.Act || spec instanceof LayerSpec.Dropout;
    }

    /** A batch split in {@code count} parts, each a network of its own on the same weights. */
    private Network(Model model, int batch, boolean exact, int count) {
        this.store = new ParamStore(model);
        this.batch = batch;
        this.classes = model.output().dim(0);
        this.input = Exec.buffer(batch, model.input());
        this.fInput = Exec.fb(input);
        this.channelsLastInput = null;
        this.inputQuant = null;
        this.logits = Exec.buffer(batch, model.output());
        this.dLogits = null;
        this.labels = new int[batch];
        this.parts = new Network[count];
        this.partFrom = new int[count + 1];
        for (int i = 0; i < count; i++) {
            partFrom[i + 1] = (int) ((long) batch * (i + 1) / count);
            parts[i] = new Network(model, partFrom[i + 1] - partFrom[i], exact, store);
        }
    }

    /** One part of a split batch: forward only, on {@code store}'s weights, on one lane. */
    private Network(Model model, int batch, boolean exact, ParamStore store) {
        this(model, batch, false, 0, exact, false, store, true);
    }

    private Network(Model model, int batch, boolean training, long seed, boolean exact,
                    boolean observed) {
        this(model, batch, training, seed, exact, observed, new ParamStore(model), false);
    }

    private Network(Model model, int batch, boolean training, long seed, boolean exact,
                    boolean observed, ParamStore store, boolean lane) {
        requireMemory(model, batch, training);
        this.store = store;
        this.batch = batch;
        this.parts = null;
        this.partFrom = null;
        Shape out = model.output();
        if (out.rank() != 1 && !exact) {
            throw new InvalidInputException(model.name() + " ends with output " + out
                    + "; a classifier must end with a vector of class scores (add flatten() and dense(n))");
        }
        this.classes = out.dim(0);
        this.input = Exec.buffer(batch, model.input());
        this.fInput = Exec.fb(input);
        Random random = new Random(seed);
        List<Layer> top = model.layers();
        List<InferencePlan.Step> plan = training ? null
                : InferencePlan.of(model, batch, observed, lane);
        boolean channelsLast = plan != null && !plan.isEmpty() && plan.get(0).channelsLast();
        Shape image = model.input();
        this.channelsLastInput = channelsLast && image.channels() > 1
                ? Exec.channelsLastBuffer(batch, image) : null;
        INDArray x = !channelsLast ? input : channelsLastInput != null ? channelsLastInput
                : input.reshape('c', batch, image.height(), image.width(), 1);
        boolean trainedBelow = false; // a layer with parameters comes before this one
        for (int i = 0; i < top.size(); i++) {
            Layer layer = top.get(i);
            Exec e = Exec.create(layer, x, batch, store, trainedBelow && training,
                    i == top.size() - 1 && !exact, random, plan == null ? null : plan.get(i));
            trainedBelow |= !layer.params().isEmpty() || !layer.children().isEmpty();
            layers.add(e);
            outputQuant.add(model.activations().get(top.get(i).name()));
            x = e.out;
        }
        this.inputQuant = model.activations().get(Model.INPUT);
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

    /**
     * Refuses a batch whose activations (and, training, their gradients, the parameters'
     * gradients and two Adam moments) cannot fit off the heap, before any is allocated. A lower
     * bound: layers' scratch buffers come on top.
     */
    static void requireMemory(Model model, int batch, boolean training) {
        long perSample = values(model.input());
        for (Layer layer : model.layers()) {
            perSample += values(layer.output());
        }
        long bytes = Float.BYTES * (perSample * batch * (training ? 2 : 1)
                + model.paramCount() * (training ? 4 : 1));
        Memory.requireOffHeap(String.format(Locale.ROOT, "%s %s at batch %,d",
                training ? "training" : "running", model.name(), batch), bytes);
    }

    private static long values(Shape shape) {
        long n = 1;
        for (int i = 0; i < shape.rank(); i++) {
            n *= shape.dim(i);
        }
        return n;
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

    /** How many parts the batch is split in across lanes: 1 when it runs whole. */
    int parts() {
        return parts == null ? 1 : parts.length;
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

    /** Loads {@code count <= batch} samples from {@code x} starting at sample {@code from}. */
    void loadSamples(float[] x, int from, int count) {
        int size = (int) (input.length() / batch);
        fInput.put(0, x, from * size, count * size);
    }

    /** Copies the outputs of the first {@code count} rows into {@code dst} at row {@code row}. */
    void copyOutputs(float[] dst, int row, int count) {
        int size = (int) (logits.length() / batch);
        Exec.fb(logits).get(0, dst, row * size, count * size);
    }

    /** A copy of the logits of the first {@code count} rows, after a forward pass. */
    float[] logits(int count) {
        float[] z = new float[count * classes];
        copyOutputs(z, 0, count);
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

    /**
     * Runs the layers on the loaded batch. With activation quantisation every quantised tensor
     * is put on its integer grid, so the result is what an integer runtime computes (the
     * straight-through estimator lets training pass gradients through unchanged).
     */
    void forward(boolean training) {
        if (parts != null) {
            Lanes.run(parts.length, this::forwardPart);
            return;
        }
        if (inputQuant != null) {
            fakeQuant(fInput, inputQuant);
        }
        if (channelsLastInput != null) {
            Kernels.transposeSamples(fInput, Exec.fb(channelsLastInput), batch,
                    (int) input.size(1), (int) (input.size(2) * input.size(3)));
        }
        for (int i = 0; i < layers.size(); i++) {
            Exec e = layers.get(i);
            e.forward(training);
            if (outputQuant.get(i) != null) {
                fakeQuant(Exec.fb(e.out), outputQuant.get(i));
            }
        }
    }

    /** Part {@code i} of a split batch: its samples in, its outputs back (a lane each). */
    private void forwardPart(int i) {
        Network part = parts[i];
        int inSize = (int) (input.length() / batch), outSize = (int) (logits.length() / batch);
        part.fInput.put(0, fInput, partFrom[i] * inSize, part.batch * inSize);
        part.forward(false);
        Exec.fb(logits).put(partFrom[i] * outSize, Exec.fb(part.logits), 0, part.batch * outSize);
    }

    /** The loaded input batch. */
    FloatBuffer input() {
        return fInput;
    }

    /** The output of top-level layer {@code i} after {@link #forward}, rows of the batch. */
    FloatBuffer output(int i) {
        if (parts != null) {
            throw new IllegalStateException("a split batch keeps no layer outputs");
        }
        return Exec.fb(layers.get(i).out);
    }

    private static void fakeQuant(FloatBuffer b, QuantSpec q) {
        float s = q.scale(0);
        int zp = q.zeroPoint(0), lo = q.qmin(), hi = q.qmax();
        for (int i = 0, n = b.limit(); i < n; i++) {
            b.put(i, Quantizer.dequantize(Quantizer.quantize(b.get(i), s, zp, lo, hi), s, zp));
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
