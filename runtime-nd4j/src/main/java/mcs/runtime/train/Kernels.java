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

    /** ND4J's threads, at most the cores. */
    static final int THREADS = Math.max(1, Math.min(Engine.threads(),
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
     * Element-wise passes (bias, activation, their derivatives) split over the cores from this
     * many values: done a chunk at a time on Java arrays they take ~0.2 ns per value, so below
     * it the hand-over costs more than half the pass.
     */
    static final long MIN_PARALLEL_PASS = 1 << 18;
    /** Values per chunk: direct buffers are copied in bulk to arrays the JIT vectorises. */
    private static final int CHUNK = 2048;
    private static final ThreadLocal<float[][]> SCRATCH =
            ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK]});

    /**
     * {@link #parallel(int, Range)} for {@code n} items of {@code valuesPerItem} values each,
     * on the calling thread alone when they are too few to be worth splitting.
     */
    static void parallel(int n, long valuesPerItem, Range work) {
        parallelFrom(MIN_PARALLEL_VALUES, n, valuesPerItem, work);
    }

    /**
     * {@link #parallel(int, Range)} when the {@code n} items of {@code valuesPerItem} values
     * hold at least {@code minValues} values in all, else on the calling thread alone.
     */
    private static void parallelFrom(long minValues, int n, long valuesPerItem, Range work) {
        if (n * valuesPerItem < minValues) {
            work.run(0, n);
        } else {
            parallel(n, work);
        }
    }

    /** This thread's two chunk-sized arrays. */
    private static float[][] scratch() {
        return SCRATCH.get();
    }

    /**
     * Runs an ND4J op, with {@code oneThread} on the calling thread alone: OpenMP's thread
     * count belongs to the calling thread, so it is lowered for this op and put back as it
     * was. With the passive wait policy, waking OpenMP's other thread costs a few hundred
     * microseconds per oneDNN call here, more than a small convolution saves by it (LeNet-5's
     * second convolution with half its filters at batch 32: 0.34 ms on one thread, 0.58 ms on
     * two).
     */
    static void exec(DynamicCustomOp op, boolean oneThread) {
        if (!oneThread) {
            Nd4j.exec(op);
            return;
        }
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int threads = nativeOps.ompGetMaxThreads();
        nativeOps.setOmpNumThreads(1);
        try {
            Nd4j.exec(op);
        } finally {
            nativeOps.setOmpNumThreads(threads);
        }
    }

    /**
     * Runs {@code work} over {@code [0, n)} split in as many contiguous parts as ND4J has
     * threads, one part on the calling thread and the others on the common fork-join pool; at
     * once on a {@link Lanes lane}, whose core is all it has.
     */
    static void parallel(int n, Range work) {
        int parts = Lanes.inLane() ? 1 : Math.min(THREADS, n);
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
     * Large passes are split over the cores by rows.
     */
    static void biasActivate(FloatBuffer z, int rows, int channels, int plane, FloatBuffer bias,
                             int biasOff, Activation act) {
        int row = channels * plane;
        splitRows(rows, row, (from, to) -> {
            if (plane == 1 && biasOff >= 0) {
                for (int r = from; r < to; r++) {
                    addRowActivate(z, r * channels, bias, biasOff, channels, act);
                }
            } else {
                for (int r = from, i = from * row; r < to; r++) {
                    for (int c = 0; c < channels; c++, i += plane) {
                        biasActivate(z, i, z, i, plane,
                                biasOff >= 0 ? bias.get(biasOff + c) : 0f, act);
                    }
                }
            }
            if (act == Activation.SOFTMAX) {
                softmaxRows(z, from, to, row);
            } else if (act == Activation.LOG_SOFTMAX) {
                logSoftmaxRows(z, from, to, row);
            }
        });
    }

    /**
     * Transposes each of {@code samples} consecutive {@code rows x cols} matrices of {@code src}
     * into {@code dst} ({@code cols x rows}): channels-last images to channels-first with rows =
     * positions and cols = channels, and back with the two swapped.
     */
    static void transposeSamples(FloatBuffer src, FloatBuffer dst, int samples, int rows,
                                 int cols) {
        int size = rows * cols;
        splitRows(samples, size, (from, to) -> {
            float[] a = new float[size], t = new float[size];
            for (int s = from; s < to; s++) {
                src.get(s * size, a, 0, size);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t[c * rows + r] = a[r * cols + c];
                    }
                }
                dst.put(s * size, t, 0, size);
            }
        });
    }

    /**
     * Runs {@code work} over {@code rows} rows of {@code rowLength} values: split over the
     * cores when they hold at least {@link #MIN_PARALLEL_PASS} values, else at once.
     */
    static void splitRows(int rows, int rowLength, Range work) {
        parallelFrom(MIN_PARALLEL_PASS, rows, rowLength, work);
    }

    /**
     * {@code dst[to + k] = act(src[from + k] + b)} for {@code k < n} (element-wise activations;
     * softmax's normalisation is left to the caller). The activation is chosen once, outside
     * the loop, so the common ones run as plain loops.
     */
    static void biasActivate(FloatBuffer src, int from, FloatBuffer dst, int to, int n, float b,
                             Activation act) {
        float[][] s = scratch();
        float[] v = s[0], bv = s[1];
        java.util.Arrays.fill(bv, 0, Math.min(CHUNK, n), b);
        for (int done = 0; done < n; done += CHUNK) {
            int m = Math.min(CHUNK, n - done);
            src.get(from + done, v, 0, m);
            addActivate(v, bv, m, act);
            dst.put(to + done, v, 0, m);
        }
    }

    /** {@code z[at + k] = act(z[at + k] + bias[biasOff + k])} for {@code k < n}, in place. */
    private static void addRowActivate(FloatBuffer z, int at, FloatBuffer bias, int biasOff, int n,
                                       Activation act) {
        float[][] s = scratch();
        float[] v = s[0], bv = s[1];
        for (int done = 0; done < n; done += CHUNK) {
            int m = Math.min(CHUNK, n - done);
            z.get(at + done, v, 0, m);
            bias.get(biasOff + done, bv, 0, m);
            addActivate(v, bv, m, act);
            z.put(at + done, v, 0, m);
        }
    }

    /**
     * {@code v[k] = act(v[k] + b[k])} for {@code k < m} (element-wise activations; softmax's
     * normalisation is left to the caller). The activation is chosen once, outside the loop,
     * so the common ones run as plain loops the JIT vectorises.
     */
    private static void addActivate(float[] v, float[] b, int m, Activation act) {
        switch (act) {
            case LINEAR, SOFTMAX, LOG_SOFTMAX -> {
                for (int k = 0; k < m; k++) {
                    v[k] += b[k];
                }
            }
            case RELU -> {
                for (int k = 0; k < m; k++) {
                    v[k] = Math.max(v[k] + b[k], 0f); // no branch
                }
            }
            default -> {
                for (int k = 0; k < m; k++) {
                    v[k] = activate(v[k] + b[k], act);
                }
            }
        }
    }

    /**
     * ReLU's derivative from its output {@code y} (+0 or positive), 0 or 1 without a branch
     * (real activations make "is it positive" unpredictable) and in float operations the JIT
     * vectorises: {@code min(y * 2^200, 1)}, as 2^200 lifts even the smallest subnormal above 1
     * (and a large y to infinity, still 1). The int form {@code min(bits, 1)} was 9x slower on
     * arrays: it does not vectorise.
     */
    private static float reluDerivative(float y) {
        return Math.min(y * 0x1p100f * 0x1p100f, 1f);
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
        logSoftmaxRows(z, 0, rows, k);
    }

    private static void logSoftmaxRows(FloatBuffer z, int from, int to, int k) {
        for (int r = from; r < to; r++) {
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
        softmaxRows(z, 0, rows, k);
    }

    private static void softmaxRows(FloatBuffer z, int from, int to, int k) {
        for (int r = from; r < to; r++) {
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
     * place, using the output {@code y} ({@code n} values in rows of {@code k}; softmax works per
     * row). Large passes are split over the cores by rows.
     */
    static void activationBackward(FloatBuffer d, FloatBuffer y, int n, int k, Activation act) {
        if (act == Activation.HARD_SWISH) {
            throw new InvalidInputException(
                    "training is not supported through hard_swish activations yet");
        }
        if (act != Activation.LINEAR) {
            splitRows(n / k, k, (from, to) -> activationBackward(d, y, from * k, to * k, k, act));
        }
    }

    /** {@link #activationBackward} over the values {@code [start, end)} (whole rows). */
    private static void activationBackward(FloatBuffer d, FloatBuffer y, int start, int end,
                                           int k, Activation act) {
        if (act == Activation.SOFTMAX || act == Activation.LOG_SOFTMAX) {
            softmaxBackward(d, y, start, end, k, act == Activation.LOG_SOFTMAX);
            return;
        }
        float[][] s = scratch();
        float[] dv = s[0], yv = s[1];
        for (int i = start; i < end; i += CHUNK) {
            int m = Math.min(CHUNK, end - i);
            d.get(i, dv, 0, m);
            y.get(i, yv, 0, m);
            derivative(dv, yv, m, act);
            d.put(i, dv, 0, m);
        }
    }

    /**
     * {@code g[q] := derivative(g[q], y[q], act)} for {@code q < m}, an element-wise
     * activation's gradient at its input from that at its output and the output, as loops
     * without data-dependent branches for ReLU.
     */
    static void derivative(float[] g, float[] y, int m, Activation act) {
        switch (act) {
            case LINEAR -> { }
            case RELU -> {
                for (int q = 0; q < m; q++) {
                    g[q] *= reluDerivative(y[q]);
                }
            }
            case TANH -> {
                for (int q = 0; q < m; q++) {
                    g[q] *= 1f - y[q] * y[q];
                }
            }
            case SIGMOID -> {
                for (int q = 0; q < m; q++) {
                    g[q] = g[q] * y[q] * (1f - y[q]);
                }
            }
            case RELU6 -> {
                for (int q = 0; q < m; q++) {
                    g[q] = y[q] <= 0f || y[q] >= 6f ? 0f : g[q];
                }
            }
            case HARD_SIGMOID -> {
                for (int q = 0; q < m; q++) {
                    g[q] = y[q] <= 0f || y[q] >= 1f ? 0f : g[q] * 0.2f;
                }
            }
            default -> {
                for (int q = 0; q < m; q++) {
                    g[q] = derivative(g[q], y[q], act);
                }
            }
        }
    }

    /** Softmax's or log-softmax's backward over the rows of {@code k} in {@code [start, end)}. */
    private static void softmaxBackward(FloatBuffer d, FloatBuffer y, int start, int end, int k,
                                        boolean log) {
        for (int base = start; base < end; base += k) {
            double acc = 0;
            for (int j = 0; j < k; j++) {
                acc += log ? d.get(base + j) : d.get(base + j) * y.get(base + j);
            }
            for (int j = 0; j < k; j++) {
                float g = d.get(base + j), v = y.get(base + j);
                d.put(base + j, log ? (float) (g - Math.exp(v) * acc) : (float) (v * (g - acc)));
            }
        }
    }

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
        float[][] s = scratch();
        float[] dv = s[0], yv = s[1];
        if (cols > CHUNK) { // long rows: a chunk at a time
            for (int r = 0; r < rows; r++) {
                for (int c0 = 0; c0 < cols; c0 += CHUNK) {
                    denseBackwardChunk(d, y, r * cols + c0, Math.min(CHUNK, cols - c0), act, dv,
                            yv);
                    addTo(sums, c0, dv, 0, Math.min(CHUNK, cols - c0));
                }
            }
        } else { // short rows: as many whole rows as a chunk holds, in order
            int per = CHUNK / cols;
            for (int r0 = 0; r0 < rows; r0 += per) {
                int n = Math.min(per, rows - r0);
                denseBackwardChunk(d, y, r0 * cols, n * cols, act, dv, yv);
                for (int r = 0; r < n; r++) {
                    addTo(sums, 0, dv, r * cols, cols);
                }
            }
        }
        g.put(off, sums, 0, cols);
    }

    /** {@code d[at, at + m)} through the activation's derivative, left in {@code dv}. */
    private static void denseBackwardChunk(FloatBuffer d, FloatBuffer y, int at, int m,
                                           Activation act, float[] dv, float[] yv) {
        d.get(at, dv, 0, m);
        if (act == Activation.RELU) {
            y.get(at, yv, 0, m);
            derivative(dv, yv, m, act);
            d.put(at, dv, 0, m);
        }
    }

    /** {@code sums[to + q] += v[from + q]} for {@code q < n}. */
    private static void addTo(float[] sums, int to, float[] v, int from, int n) {
        for (int q = 0; q < n; q++) {
            sums[to + q] += v[from + q];
        }
    }

    /** Per-channel sums of {@code d} ([rows, channels, plane]) written to {@code g} at {@code off}. */
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
