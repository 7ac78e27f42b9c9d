package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A channels-first convolution as im2col and one gemm over the whole batch, for convolutions
 * with few input channels (oneDNN's backward is several times slower there). The patches are
 * laid out one row per kernel position, {@code cols [in * k * k, batch * pixels]}, so
 * {@code z = W cols} is {@code [filters, batch * pixels]}; moving it to {@code [batch, filters,
 * pixels]} (runs of whole planes) is fused with the bias and the activation, and backward's
 * move the other way with the activation's derivative and the bias gradient. The input
 * gradient, when wanted, is {@code dCols = W^T dZ} scattered back (col2im).
 *
 * <p>Forward-only stride-1 convolutions (inference) compute each output row as wide as the
 * padded input: a row of {@code cols} is then one run of the zero-padded plane, copied in one
 * go instead of one copy per output row, and the extra {@code k - 1} columns are dropped when
 * {@code z} moves to the output (the convnet's 32-channel 28x28 convolution at batch 1:
 * 8,064 copies of 28 values became 288 of 840).
 */
final class Im2colConvExec extends Exec {

    /**
     * A forward-only product of few columns (batch 1) with at least this many
     * multiply-accumulates runs as oneDNN's matmul on one thread rather than OpenBLAS on two,
     * whose second thread the network's other work leaves cold (the convnet at batch 1: 0.52
     * instead of 0.58 ms); below it OpenBLAS is the faster (LeNet-5's first convolution alone:
     * 3 against 12 us).
     */
    static final long ONE_THREAD_MIN_MACS = 1L << 20;

    private final Activation act;
    private final ParamStore ps;
    private final int biasOff;
    private final int cin;
    private final int h;
    private final int w;
    private final int k;
    private final int stride;
    private final int padTop;
    private final int padLeft;
    private final int filters;
    private final int ho;
    private final int wo;
    private final int patch;
    private final INDArray weights;
    private final INDArray dWeights;
    private final INDArray cols;
    private final INDArray z;
    private final FloatBuffer fIn;
    private final FloatBuffer fCols;
    private final FloatBuffer fZ;
    private final FloatBuffer fOut;
    private final float[] biasGrads;
    /** For few columns (batch-1 inference), the product through OpenBLAS directly. */
    private final Blas.Matrix[] direct;
    /** Whether output rows are computed as wide as the padded input (forward-only). */
    private final boolean wide;
    /** The padded input's width. */
    private final int pw;
    /** Columns of {@code cols} per sample: {@code ho * pw} when wide, else {@code ho * wo}. */
    private final int span;
    /** oneDNN's matmul for {@code z = W cols} on one thread, or null. */
    private final DynamicCustomOp oneThreadProduct;
    private INDArray dCols;

    Im2colConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
                   boolean needInputGrad, Activation act) {
        this(layer, spec, in, batch, ps, needInputGrad, act, false);
    }

    /** With {@code forwardOnly}, stride-1 convolutions compute wide rows (no backward). */
    Im2colConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
                   boolean needInputGrad, Activation act, boolean forwardOnly) {
        super(layer, in, batch, needInputGrad);
        this.act = act;
        this.ps = ps;
        this.cin = layer.input().channels();
        this.h = layer.input().height();
        this.w = layer.input().width();
        this.k = spec.kernel();
        this.stride = spec.stride();
        this.filters = spec.filters();
        this.ho = layer.output().height();
        this.wo = layer.output().width();
        int[] pads = spec.window().pads(h, w); // SAME: the smaller half before, as TensorFlow
        this.padTop = pads[0];
        this.padLeft = pads[1];
        this.pw = w + pads[1] + pads[3];
        this.wide = forwardOnly && stride == 1 && wo == pw - k + 1
                && ho == h + pads[0] + pads[2] - k + 1;
        this.span = wide ? ho * pw : ho * wo;
        this.patch = cin * k * k;
        String kernel = layer.name() + ".kernel";
        this.weights = ps.param(kernel, filters, patch);
        this.dWeights = ps.grad(kernel, filters, patch);
        this.biasOff = ps.slot(layer.name() + ".bias").offset();
        this.cols = Nd4j.create(DataType.FLOAT, new long[] {patch, (long) batch * span}, 'c');
        this.z = Nd4j.create(DataType.FLOAT, new long[] {filters, (long) batch * span}, 'c');
        this.out = buffer(batch, layer.output());
        this.fIn = fb(in);
        this.fCols = fb(cols);
        this.fZ = fb(z);
        this.fOut = fb(out);
        this.biasGrads = new float[batch * filters];
        int width = batch * span;
        this.direct = batch * ho * wo <= Exec.IM2COL_MAX_INFERENCE_POSITIONS ? new Blas.Matrix[] {
            Blas.Matrix.of(weights, filters, patch), Blas.Matrix.of(cols, patch, width),
            Blas.Matrix.of(z, filters, width)} : null;
        this.oneThreadProduct = forwardOnly && direct != null
                && (long) filters * patch * width >= ONE_THREAD_MIN_MACS
                ? DynamicCustomOp.builder("matmul").addInputs(weights, cols).addOutputs(z).build()
                : null;
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        dCols = d == null ? null : Nd4j.create(DataType.FLOAT, cols.shape(), 'c');
        return d;
    }

    @Override
    void forward(boolean training) {
        if (wide) {
            Kernels.parallel(batch, (long) patch * span, this::im2colWide);
            product();
            Kernels.parallel(batch, (long) filters * span, this::wideToOut);
            return;
        }
        Kernels.parallel(batch, (long) patch * ho * wo, this::im2col);
        product();
        Kernels.parallel(batch, (long) filters * ho * wo, this::zToOut);
    }

    /** {@code z = W cols}. */
    private void product() {
        if (oneThreadProduct != null) {
            Kernels.exec(oneThreadProduct, true);
        } else if (direct != null) { // ND4J's gemm costs more than the product here
            Blas.gemm(direct[0], false, direct[1], false, direct[2]);
        } else { // many columns: ND4J's gemm (oneDNN) is the faster one
            Nd4j.gemm(weights, cols, z, false, false, 1.0, 0.0);
        }
    }

    @Override
    void backward() {
        FloatBuffer d = fb(dOut);
        Kernels.parallel(batch, (from, to) -> dOutToZ(d, from, to));
        Nd4j.gemm(z, cols, dWeights, false, true, 1.0, 0.0);
        for (int f = 0; f < filters; f++) {
            float sum = 0f;
            for (int b = 0; b < batch; b++) {
                sum += biasGrads[b * filters + f];
            }
            ps.g.put(biasOff + f, sum);
        }
        if (dIn != null) {
            Nd4j.gemm(weights, z, dCols, true, false, 1.0, 0.0);
            FloatBuffer dc = fb(dCols), di = fb(dIn);
            Kernels.parallel(batch, (from, to) -> col2im(dc, di, from, to));
        }
    }

    /**
     * The columns of {@code cols} for samples {@code [from, to)}: 0 outside the input. Each
     * input plane is copied to an array once, and each row of {@code cols} (one kernel position
     * of one sample) is built in an array and stored in one bulk copy.
     */
    private void im2col(int from, int to) {
        int pixels = ho * wo, width = batch * pixels, planeSize = h * w;
        float[] plane = new float[planeSize], row = new float[pixels];
        for (int b = from; b < to; b++) {
            for (int c = 0; c < cin; c++) {
                fIn.get((b * cin + c) * planeSize, plane, 0, planeSize);
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        // the outputs whose input column ox * stride + kx - padLeft is inside
                        int lo = Math.min(wo, Math.max(0, ceilDiv(padLeft - kx, stride)));
                        int hi = Math.min(wo, Math.max(lo, ceilDiv(w + padLeft - kx, stride)));
                        for (int oy = 0, o = 0; oy < ho; oy++, o += wo) {
                            int y = oy * stride + ky - padTop;
                            if (y < 0 || y >= h) {
                                Arrays.fill(row, o, o + wo, 0f);
                                continue;
                            }
                            Arrays.fill(row, o, o + lo, 0f);
                            int src = y * w + lo * stride + kx - padLeft;
                            if (stride == 1) {
                                System.arraycopy(plane, src, row, o + lo, hi - lo);
                            } else {
                                for (int ox = lo; ox < hi; ox++, src += stride) {
                                    row[o + ox] = plane[src];
                                }
                            }
                            Arrays.fill(row, o + hi, o + wo, 0f);
                        }
                        fCols.put(((c * k + ky) * k + kx) * width + b * pixels, row, 0, pixels);
                    }
                }
            }
        }
    }

    /**
     * The wide columns of samples {@code [from, to)}: each input plane is laid in a
     * zero-padded plane (with {@code k} spare values after the last, which only the dropped
     * columns read), and the row of kernel position {@code (ky, kx)} is the run of {@code ho *
     * pw} values from {@code (ky, kx)}.
     */
    private void im2colWide(int from, int to) {
        int hp = ho + k - 1, plane = hp * pw, width = batch * span;
        float[] padded = new float[cin * plane + k], x = new float[h * w];
        for (int b = from; b < to; b++) {
            for (int c = 0; c < cin; c++) {
                fIn.get((b * cin + c) * h * w, x, 0, h * w);
                for (int y = 0; y < h; y++) {
                    System.arraycopy(x, y * w, padded, c * plane + (y + padTop) * pw + padLeft, w);
                }
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        fCols.put(((c * k + ky) * k + kx) * width + b * span, padded,
                                c * plane + ky * pw + kx, span);
                    }
                }
            }
        }
    }

    /** {@link #zToOut} from wide rows: the first {@code wo} of each {@code pw} values. */
    private void wideToOut(int from, int to) {
        int pixels = ho * wo;
        float[] t = new float[span];
        FloatBuffer bias = ps.p;
        for (int b = from; b < to; b++) {
            for (int f = 0; f < filters; f++) {
                fZ.get((f * batch + b) * span, t, 0, span);
                for (int oy = 1; oy < ho; oy++) {
                    System.arraycopy(t, oy * pw, t, oy * wo, wo);
                }
                int o = (b * filters + f) * pixels;
                fOut.put(o, t, 0, pixels);
                Kernels.biasActivate(fOut, o, fOut, o, pixels, bias.get(biasOff + f), act);
            }
        }
    }

    /** {@code ceil(a / b)} for {@code b > 0} and any sign of {@code a}. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** {@code out[b, f, p] = act(z[f, b * pixels + p] + bias[f])} for samples {@code [from, to)}. */
    private void zToOut(int from, int to) {
        int pixels = ho * wo;
        FloatBuffer bias = ps.p;
        for (int b = from; b < to; b++) {
            for (int f = 0; f < filters; f++) {
                Kernels.biasActivate(fZ, (f * batch + b) * pixels, fOut,
                        (b * filters + f) * pixels, pixels, bias.get(biasOff + f), act);
            }
        }
    }

    /**
     * {@code z} := the gradient at the pre-activation, moved to {@code [filters, batch *
     * pixels]}; its sum per sample and filter goes to {@code biasGrads}.
     */
    private void dOutToZ(FloatBuffer d, int from, int to) {
        int pixels = ho * wo, group = Math.min(4, filters);
        float[] g = new float[group * pixels];
        float[] y = act == Activation.LINEAR ? null : new float[group * pixels];
        for (int b = from; b < to; b++) {
            for (int f0 = 0; f0 < filters; f0 += group) {
                int n = Math.min(group, filters - f0), o = (b * filters + f0) * pixels;
                d.get(o, g, 0, n * pixels); // n consecutive planes of this sample
                if (y != null) {
                    fOut.get(o, y, 0, n * pixels);
                    Kernels.derivative(g, y, n * pixels, act);
                }
                if (n == 4) { // four sums side by side: four dependency chains, same order
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                    for (int p = 0; p < pixels; p++) {
                        s0 += g[p];
                        s1 += g[pixels + p];
                        s2 += g[2 * pixels + p];
                        s3 += g[3 * pixels + p];
                    }
                    biasGrads[b * filters + f0] = s0;
                    biasGrads[b * filters + f0 + 1] = s1;
                    biasGrads[b * filters + f0 + 2] = s2;
                    biasGrads[b * filters + f0 + 3] = s3;
                } else {
                    for (int j = 0; j < n; j++) {
                        float sum = 0f;
                        for (int p = j * pixels; p < (j + 1) * pixels; p++) {
                            sum += g[p];
                        }
                        biasGrads[b * filters + f0 + j] = sum;
                    }
                }
                for (int j = 0; j < n; j++) {
                    fZ.put(((f0 + j) * batch + b) * pixels, g, j * pixels, pixels);
                }
            }
        }
    }

    /** Adds the patch gradients back onto the input positions for samples {@code [from, to)}. */
    private void col2im(FloatBuffer dc, FloatBuffer di, int from, int to) {
        int plane = h * w, pixels = ho * wo, width = batch * pixels;
        for (int i = from * cin * plane; i < to * cin * plane; i++) {
            di.put(i, 0f);
        }
        for (int r = 0; r < patch; r++) {
            int c = r / (k * k), ky = r / k % k, kx = r % k;
            for (int b = from; b < to; b++) {
                int base = (b * cin + c) * plane, src = r * width + b * pixels;
                for (int oy = 0; oy < ho; oy++) {
                    int y = oy * stride + ky - padTop;
                    for (int ox = 0; ox < wo; ox++, src++) {
                        int x = ox * stride + kx - padLeft;
                        if (y >= 0 && y < h && x >= 0 && x < w) {
                            int i = base + y * w + x;
                            di.put(i, di.get(i) + dc.get(src));
                        }
                    }
                }
            }
        }
    }
}
