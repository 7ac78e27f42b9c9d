package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Window;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max or average pooling as Java loops over channels-first planes (faster here than ND4J's and
 * oneDNN's pooling on this layout in training). Windows are clipped to the input, so pads never
 * count: max ignores them, average divides by the real inputs. Max pooling remembers each
 * window's winner for backward. For inference over many values, the 2x2 max pool runs as
 * oneDNN's (through ND4J's {@code maxpool2d}): without winners to keep it is about twice as fast
 * there, on the threads the convolution before it has just used.
 */
final class PoolExec extends Exec {

    /**
     * Inputs of at least this many values pool through oneDNN in inference: where the Java
     * loop would be split over threads, the threads of the convolution before it take over (a
     * hand-over from OpenMP's threads to Java's costs more than the pass at batch 32); LeNet-5's
     * first pool at batch 256 takes 1.0 instead of 2.1 ms. Below it (batch 1) the Java loop on
     * the calling thread is the fastest.
     */
    static final long MIN_ONEDNN_VALUES = Kernels.MIN_PARALLEL_VALUES;
    /**
     * oneDNN pools inputs below this many values on one thread: waking the second thread
     * costs more than the pass (LeNet-5 at batch 32: its first pool 0.15 instead of 0.23 ms
     * with half the filters, 0.26 instead of 0.29 dense).
     */
    static final long ONE_THREAD_MAX_VALUES = 1L << 19;

    private final boolean max;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int pt;
    private final int pl;
    private final int planes;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;
    private final int[] winner;
    private final FloatBuffer fIn;
    private final FloatBuffer fOut;
    /** The oneDNN pooling for forward passes without training, or null. */
    private final DynamicCustomOp inferenceOp;
    /** The activation applied to the pooled values (a ReLU moved past the pool), or linear. */
    private final Activation after;
    /** Whether this is the 2x2, stride 2 max pool with every window inside the input. */
    private final boolean twoByTwo;

    PoolExec(Layer layer, LayerSpec.Pool spec, INDArray in, int batch, boolean needInputGrad) {
        this(layer, spec, in, batch, needInputGrad, null);
    }

    /**
     * With an {@code inference} step, large 2x2 max pools (all in channels-last order) run
     * through oneDNN when not training, and the step's activation follows the pooling.
     */
    PoolExec(Layer layer, LayerSpec.Pool spec, INDArray in, int batch, boolean needInputGrad,
             InferencePlan.Step inference) {
        super(layer, in, batch, needInputGrad);
        this.max = spec.max();
        Window win = spec.window();
        this.kh = win.kernelH();
        this.kw = win.kernelW();
        this.sh = win.strideH();
        this.sw = win.strideW();
        this.planes = batch * layer.input().channels();
        this.h = layer.input().height();
        this.w = layer.input().width();
        int[] pads = win.pads(h, w);
        this.pt = pads[0];
        this.pl = pads[1];
        this.ho = layer.output().height();
        this.wo = layer.output().width();
        boolean channelsLast = inference != null && inference.channelsLast();
        this.out = channelsLast ? channelsLastBuffer(batch, layer.output())
                : buffer(batch, layer.output());
        this.fIn = fb(in);
        this.fOut = fb(out);
        this.winner = max ? new int[planes * ho * wo] : null;
        this.twoByTwo = twoByTwo(spec, layer);
        this.after = inference != null ? inference.after() : Activation.LINEAR;
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, (unused), NCHW or NHWC: the windows
        // twoByTwo allows, so ND4J's output has exactly this layer's shape
        this.inferenceOp = inference != null && twoByTwo
                && (channelsLast || in.length() >= MIN_ONEDNN_VALUES)
                ? DynamicCustomOp.builder("maxpool2d").addInputs(in).addOutputs(out)
                        .addIntegerArguments(2, 2, 2, 2, 0, 0, 1, 1, 0, 0, channelsLast ? 1 : 0)
                        .build()
                : null;
    }

    @Override
    void forward(boolean training) {
        if (!training && inferenceOp != null) {
            Kernels.exec(inferenceOp, in.length() < ONE_THREAD_MAX_VALUES);
        } else if (twoByTwo) {
            Kernels.parallel(planes, h * w, (from, to) -> forwardTwoByTwo(from, to, training));
        } else {
            Kernels.parallel(planes, h * w, this::forwardPlanes);
        }
        if (after != Activation.LINEAR) {
            Kernels.biasActivate(fOut, batch, 1, layer.output().size(), null, -1, after);
        }
    }

    /**
     * The common 2x2, stride 2 max pool with windows inside the input, as one pass over pairs
     * of rows; winners are kept only for training. Same result and winners as
     * {@link #forwardPlanes} (NaN and the sign of zero aside), the first of equal values
     * winning.
     */
    private void forwardTwoByTwo(int from, int to, boolean training) {
        float[] x = new float[h * w], y = new float[ho * wo];
        for (int p = from; p < to; p++) {
            fIn.get(p * h * w, x, 0, h * w); // the plane on an array: cheaper reads
            int base = p * h * w, o = p * ho * wo;
            for (int oy = 0, q = 0; oy < ho; oy++) {
                int top = 2 * oy * w;
                for (int ox = 0; ox < wo; ox++, q++) {
                    // without data-dependent branches (real activations make "which is
                    // larger" a coin toss the branch predictor loses): Math.max, and the
                    // sign bit of a difference, 1 exactly when the second is larger
                    int i = top + 2 * ox;
                    float a = x[i], b = x[i + 1], c = x[i + w], d = x[i + w + 1];
                    float upper = Math.max(a, b), lower = Math.max(c, d);
                    y[q] = Math.max(upper, lower);
                    if (training) {
                        int first = i + (Float.floatToRawIntBits(a - b) >>> 31);
                        int second = i + w + (Float.floatToRawIntBits(c - d) >>> 31);
                        winner[o + q] = base + first
                                + (Float.floatToRawIntBits(upper - lower) >>> 31) * (second - first);
                    }
                }
            }
            fOut.put(o, y, 0, ho * wo);
        }
    }

    /** Pools the planes {@code [from, to)} (a plane is one channel of one sample). */
    private void forwardPlanes(int from, int to) {
        int o = from * ho * wo;
        for (int p = from; p < to; p++) {
            int base = p * h * w;
            for (int oy = 0; oy < ho; oy++) {
                int y0 = Math.max(0, oy * sh - pt), y1 = Math.min(h, oy * sh - pt + kh);
                for (int ox = 0; ox < wo; ox++, o++) {
                    int x0 = Math.max(0, ox * sw - pl), x1 = Math.min(w, ox * sw - pl + kw);
                    if (max) {
                        int best = base + y0 * w + x0;
                        float m = Float.NEGATIVE_INFINITY;
                        for (int yy = y0; yy < y1; yy++) {
                            for (int xx = x0; xx < x1; xx++) {
                                float v = fIn.get(base + yy * w + xx);
                                if (v > m) {
                                    m = v;
                                    best = base + yy * w + xx;
                                }
                            }
                        }
                        fOut.put(o, m);
                        winner[o] = best;
                    } else {
                        float s = 0f;
                        for (int yy = y0; yy < y1; yy++) {
                            for (int xx = x0; xx < x1; xx++) {
                                s += fIn.get(base + yy * w + xx);
                            }
                        }
                        fOut.put(o, s / ((y1 - y0) * (x1 - x0)));
                    }
                }
            }
        }
    }

    @Override
    void backward() {
        if (dIn == null) {
            return;
        }
        FloatBuffer d = fb(dOut), di = fb(dIn);
        if (twoByTwo && 2 * ho == h && 2 * wo == w) {
            Kernels.parallel(planes, h * w, (from, to) -> backwardTwoByTwo(d, di, from, to));
        } else {
            Kernels.parallel(planes, h * w, (from, to) -> backwardPlanes(d, di, from, to));
        }
    }

    /** Whether {@code layer} is a 2x2, stride 2 max pool with every window inside its input. */
    static boolean twoByTwo(LayerSpec.Pool spec, Layer layer) {
        Window win = spec.window();
        int h = layer.input().height(), w = layer.input().width();
        int[] pads = win.pads(h, w);
        return spec.max() && win.kernelH() == 2 && win.kernelW() == 2 && win.strideH() == 2
                && win.strideW() == 2 && pads[0] == 0 && pads[1] == 0
                && 2 * layer.output().height() <= h && 2 * layer.output().width() <= w;
    }

    /**
     * The input gradient when the windows tile the planes exactly: each input is written once,
     * its window's gradient if it was the winner, else 0 (no clearing pass, no scatter, no
     * branch: {@code max(0, 1 - |winner - i|)} is 1 for the winner and 0 for the others).
     */
    private void backwardTwoByTwo(FloatBuffer d, FloatBuffer di, int from, int to) {
        float[] g = new float[ho * wo], x = new float[h * w];
        for (int p = from; p < to; p++) {
            int base = p * h * w, o = p * ho * wo;
            d.get(o, g, 0, ho * wo);
            for (int oy = 0, q = 0; oy < ho; oy++) {
                int top = 2 * oy * w;
                for (int ox = 0; ox < wo; ox++, q++) {
                    int i = top + 2 * ox, win = winner[o + q] - base;
                    float v = g[q];
                    x[i] = v * Math.max(0, 1 - Math.abs(win - i));
                    x[i + 1] = v * Math.max(0, 1 - Math.abs(win - i - 1));
                    x[i + w] = v * Math.max(0, 1 - Math.abs(win - i - w));
                    x[i + w + 1] = v * Math.max(0, 1 - Math.abs(win - i - w - 1));
                }
            }
            di.put(base, x, 0, h * w);
        }
    }

    /** The input gradient of the planes {@code [from, to)}: windows never cross planes. */
    private void backwardPlanes(FloatBuffer d, FloatBuffer di, int from, int to) {
        for (int i = from * h * w; i < to * h * w; i++) {
            di.put(i, 0f);
        }
        int perPlane = ho * wo;
        if (max) {
            for (int o = from * perPlane; o < to * perPlane; o++) {
                di.put(winner[o], di.get(winner[o]) + d.get(o));
            }
            return;
        }
        int o = from * perPlane;
        for (int p = from; p < to; p++) {
            int base = p * h * w;
            for (int oy = 0; oy < ho; oy++) {
                int y0 = Math.max(0, oy * sh - pt), y1 = Math.min(h, oy * sh - pt + kh);
                for (int ox = 0; ox < wo; ox++, o++) {
                    int x0 = Math.max(0, ox * sw - pl), x1 = Math.min(w, ox * sw - pl + kw);
                    float g = d.get(o) / ((y1 - y0) * (x1 - x0));
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            di.put(base + yy * w + xx, di.get(base + yy * w + xx) + g);
                        }
                    }
                }
            }
        }
    }
}
