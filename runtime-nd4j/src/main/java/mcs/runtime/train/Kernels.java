package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Element-wise work as plain loops over direct buffers: cheaper than an ND4J call (10-25 us and
 * a few KB of garbage each, whatever the size) for the sizes these networks have.
 */
final class Kernels {

    private static final int THREADS = Math.max(1, Math.min(Engine.threads(),
            Runtime.getRuntime().availableProcessors()));

    private Kernels() {
    }

    /** Work on the index range {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Below this many values in all, splitting the work costs more than it saves: waking a
     * pool thread takes tens of microseconds here, a whole pass at batch 1 a few.
     */
    static final long MIN_PARALLEL_VALUES = 1 << 15;

    /**
     * {@link #parallel(int, Range)} for {@code n} items of {@code valuesPerItem} values each,
     * on the calling thread alone when they are too few to be worth splitting.
     */
    static void parallel(int n, long valuesPerItem, Range work) {
        if (n * valuesPerItem < MIN_PARALLEL_VALUES) {
            work.run(0, n);
        } else {
            parallel(n, work);
        }
    }

    /**
     * Runs an ND4J op, with {@code oneThread} on the calling thread alone: OpenMP's thread
     * count belongs to the calling thread, so it is lowered for this op and put back. With the
     * passive wait policy, waking OpenMP's other thread costs a few hundred microseconds per
     * oneDNN call here, more than a small convolution saves by it (LeNet-5's second convolution
     * with half its filters at batch 32: 0.34 ms on one thread, 0.58 ms on two).
     */
    static void exec(DynamicCustomOp op, boolean oneThread) {
        if (!oneThread) {
            Nd4j.exec(op);
            return;
        }
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        nativeOps.setOmpNumThreads(1);
        try {
            Nd4j.exec(op);
        } finally {
            nativeOps.setOmpNumThreads(Engine.threads());
        }
    }

    /**
     * Runs {@code work} over {@code [0, n)} split in as many contiguous parts as ND4J has
     * threads, one part on the calling thread and the others on the common fork-join pool.
     */
    static void parallel(int n, Range work) {
        int parts = Math.min(THREADS, n);
        if (parts <= 1) {
            work.run(0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[parts - 1];
        for (int i = 1; i < parts; i++) {
            int from = (int) ((long) n * i / parts), to = (int) ((long) n * (i + 1) / parts);
            tasks[i - 1] = ForkJoinPool.commonPool().submit(() -> work.run(from, to));
        }
        work.run(0, (int) ((long) n / parts));
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
    }

    /**
     * The gradient at an activation's input from the gradient {@code d} at its output and the
     * output {@code y}, for the element-wise activations.
     */
    static float derivative(float d, float y, Activation act) {
        return switch (act) {
            case RELU -> y > 0f ? d : 0f;
            case TANH -> d * (1f - y * y);
            case SIGMOID -> d * y * (1f - y);
            case LINEAR -> d;
            case RELU6 -> y > 0f && y < 6f ? d : 0f;
            case HARD_SIGMOID -> y > 0f && y < 1f ? d * 0.2f : 0f;
            case HARD_SWISH -> throw new InvalidInputException(
                    "training is not supported through hard_swish activations yet");
            case SOFTMAX, LOG_SOFTMAX -> throw new IllegalArgumentException(act.label()
                    + " is not element-wise");
        };
    }

    /**
     * Adds a per-channel bias (channel = (i / plane) % channels) and applies the activation in
     * place over {@code rows * channels * plane} values. {@code biasOff} < 0 means no bias.
     */
    static void biasActivate(FloatBuffer z, int rows, int channels, int plane, FloatBuffer bias,
                             int biasOff, Activation act) {
        if (plane == 1 && biasOff >= 0) {
            for (int r = 0; r < rows; r++) {
                addRowActivate(z, r * channels, bias, biasOff, channels, act);
            }
        } else {
            int i = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < channels; c++, i += plane) {
                    biasActivate(z, i, z, i, plane, biasOff >= 0 ? bias.get(biasOff + c) : 0f,
                            act);
                }
            }
        }
        if (act == Activation.SOFTMAX) {
            softmaxRows(z, rows, channels * plane);
        } else if (act == Activation.LOG_SOFTMAX) {
            logSoftmaxRows(z, rows, channels * plane);
        }
    }

    /**
     * {@code dst[to + k] = act(src[from + k] + b)} for {@code k < n} (element-wise activations;
     * softmax's normalisation is left to the caller). The activation is chosen once, outside
     * the loop, so the common ones run as plain loops.
     */
    static void biasActivate(FloatBuffer src, int from, FloatBuffer dst, int to, int n, float b,
                             Activation act) {
        switch (act) {
            case LINEAR, SOFTMAX, LOG_SOFTMAX -> {
                for (int k = 0; k < n; k++) {
                    dst.put(to + k, src.get(from + k) + b);
                }
            }
            case RELU -> {
                for (int k = 0; k < n; k++) {
                    dst.put(to + k, Math.max(src.get(from + k) + b, 0f)); // no branch
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    dst.put(to + k, activate(src.get(from + k) + b, act));
                }
            }
        }
    }

    /** {@code z[at + k] = act(z[at + k] + bias[biasOff + k])} for {@code k < n}, in place. */
    private static void addRowActivate(FloatBuffer z, int at, FloatBuffer bias, int biasOff, int n,
                                       Activation act) {
        switch (act) {
            case LINEAR, SOFTMAX, LOG_SOFTMAX -> {
                for (int k = 0; k < n; k++) {
                    z.put(at + k, z.get(at + k) + bias.get(biasOff + k));
                }
            }
            case RELU -> {
                for (int k = 0; k < n; k++) {
                    z.put(at + k, Math.max(z.get(at + k) + bias.get(biasOff + k), 0f));
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    z.put(at + k, activate(z.get(at + k) + bias.get(biasOff + k), act));
                }
            }
        }
    }

    /**
     * ReLU's derivative from its output {@code y} (+0 or positive), 0 or 1 without a branch:
     * real activations make "is it positive" unpredictable. The bits of such a y are 0 or
     * positive, so min(bits, 1) is the answer.
     */
    private static int reluDerivative(float y) {
        return Math.min(Float.floatToRawIntBits(y), 1);
    }

    static float activate(float v, Activation act) {
        return switch (act) {
            case RELU -> v > 0f ? v : 0f;
            case TANH -> (float) Math.tanh(v);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-v)));
            case RELU6 -> Math.min(Math.max(v, 0f), 6f);
            case HARD_SIGMOID -> Math.min(Math.max(0.2f * v + 0.5f, 0f), 1f);
            case HARD_SWISH -> v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f;
            case LINEAR, SOFTMAX, LOG_SOFTMAX -> v;
        };
    }

    /** The largest of {@code z[base, base + k)}. */
    private static float rowMax(FloatBuffer z, int base, int k) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z.get(base + j));
        }
        return max;
    }

    /** {@code z - log(sum(exp(z)))} per row of {@code k}. */
    static void logSoftmaxRows(FloatBuffer z, int rows, int k) {
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            float max = rowMax(z, base, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z.get(base + j) - max);
            }
            float shift = (float) (max + Math.log(sum));
            for (int j = 0; j < k; j++) {
                z.put(base + j, z.get(base + j) - shift);
            }
        }
    }

    static void softmaxRows(FloatBuffer z, int rows, int k) {
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            float max = rowMax(z, base, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                float e = (float) Math.exp(z.get(base + j) - max);
                z.put(base + j, e);
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < k; j++) {
                z.put(base + j, z.get(base + j) * inv);
            }
        }
    }

    /**
     * Turns the gradient w.r.t. an activation's output into the gradient w.r.t. its input, in
     * place, using the output {@code y} ({@code n} values, rows of {@code k} for softmax).
     */
    static void activationBackward(FloatBuffer d, FloatBuffer y, int n, int k, Activation act) {
        switch (act) {
            case LINEAR -> { }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    d.put(i, d.get(i) * reluDerivative(y.get(i)));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float v = y.get(i);
                    d.put(i, d.get(i) * (1f - v * v));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float v = y.get(i);
                    d.put(i, d.get(i) * v * (1f - v));
                }
            }
            case RELU6 -> {
                for (int i = 0; i < n; i++) {
                    if (y.get(i) <= 0f || y.get(i) >= 6f) {
                        d.put(i, 0f);
                    }
                }
            }
            case HARD_SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float v = y.get(i);
                    d.put(i, v <= 0f || v >= 1f ? 0f : d.get(i) * 0.2f);
                }
            }
            case HARD_SWISH -> throw new InvalidInputException(
                    "training is not supported through hard_swish activations yet");
            case LOG_SOFTMAX -> {
                for (int base = 0; base < n; base += k) {
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        sum += d.get(base + j);
                    }
                    for (int j = 0; j < k; j++) {
                        d.put(base + j, (float) (d.get(base + j) - Math.exp(y.get(base + j)) * sum));
                    }
                }
            }
            case SOFTMAX -> {
                for (int base = 0; base < n; base += k) {
                    double dot = 0;
                    for (int j = 0; j < k; j++) {
                        dot += d.get(base + j) * y.get(base + j);
                    }
                    for (int j = 0; j < k; j++) {
                        d.put(base + j, (float) (y.get(base + j) * (d.get(base + j) - dot)));
                    }
                }
            }
        }
    }

    /** Per-channel sums of {@code d} ([rows, channels, plane]) written to {@code g} at {@code off}. */
    /**
     * A dense layer's element-wise backward in one pass over {@code d} ([rows, cols]): the
     * activation's derivative applied in place and the bias gradient, {@code g[off + c]} = the
     * sum of column {@code c}, in the same order as {@link #activationBackward} then
     * {@link #channelSums}. {@code sums} is scratch of at least {@code cols}.
     */
    static void denseBackward(FloatBuffer d, FloatBuffer y, int rows, int cols, Activation act,
                              FloatBuffer g, int off, float[] sums) {
        if (act != Activation.RELU && act != Activation.LINEAR) {
            activationBackward(d, y, rows * cols, cols, act);
            channelSums(d, rows, cols, 1, g, off);
            return;
        }
        java.util.Arrays.fill(sums, 0, cols, 0f);
        if (act == Activation.RELU) {
            for (int r = 0, i = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, i++) {
                    float g0 = d.get(i) * reluDerivative(y.get(i));
                    d.put(i, g0);
                    sums[c] += g0;
                }
            }
        } else {
            for (int r = 0, i = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++, i++) {
                    sums[c] += d.get(i);
                }
            }
        }
        for (int c = 0; c < cols; c++) {
            g.put(off + c, sums[c]);
        }
    }

    static void channelSums(FloatBuffer d, int rows, int channels, int plane, FloatBuffer g, int off) {
        for (int c = 0; c < channels; c++) {
            g.put(off + c, 0f);
        }
        int i = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < channels; c++) {
                float s = 0f;
                for (int k = 0; k < plane; k++, i++) {
                    s += d.get(i);
                }
                g.put(off + c, g.get(off + c) + s);
            }
        }
    }

    /**
     * Softmax cross-entropy on logits [rows, k]: writes d(mean loss)/d(logits) into {@code d} for
     * the first {@code valid} rows (zero for the rest) and returns {sum of losses, correct count}.
     */
    static double[] softmaxCrossEntropy(FloatBuffer z, FloatBuffer d, int rows, int valid, int k,
                                        int[] labels) {
        double loss = 0;
        int correct = 0;
        float scale = 1f / valid;
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            if (r >= valid) {
                for (int j = 0; j < k; j++) {
                    d.put(base + j, 0f);
                }
                continue;
            }
            int best = 0;
            float max = z.get(base);
            for (int j = 1; j < k; j++) {
                if (z.get(base + j) > max) {
                    max = z.get(base + j);
                    best = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z.get(base + j) - max);
            }
            int y = labels[r];
            loss += Math.log(sum) - (z.get(base + y) - max);
            correct += best == y ? 1 : 0;
            for (int j = 0; j < k; j++) {
                float pj = (float) (Math.exp(z.get(base + j) - max) / sum);
                d.put(base + j, (pj - (j == y ? 1f : 0f)) * scale);
            }
        }
        return new double[] {loss, correct};
    }

    /** Index of the largest of {@code k} values from {@code base}. */
    static int argmax(FloatBuffer z, int base, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (z.get(base + j) > z.get(base + best)) {
                best = j;
            }
        }
        return best;
    }
}
