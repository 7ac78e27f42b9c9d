package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A channels-first convolution as im2col and one gemm over the whole batch, for convolutions
 * with few input channels (oneDNN's backward is several times slower there). The patches are
 * laid out one row per kernel position, {@code cols [in * k * k, batch * pixels]}, so
 * {@code z = W cols} is {@code [filters, batch * pixels]}; moving it to {@code [batch, filters,
 * pixels]} (runs of whole planes) is fused with the bias and the activation, and backward's
 * move the other way with the activation's derivative and the bias gradient. The input
 * gradient, when wanted, is {@code dCols = W^T dZ} scattered back (col2im).
 */
final class Im2colConvExec extends Exec {

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
    private INDArray dCols;

    Im2colConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
                   boolean needInputGrad, Activation act) {
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
        this.patch = cin * k * k;
        String kernel = layer.name() + ".kernel";
        this.weights = ps.param(kernel, filters, patch);
        this.dWeights = ps.grad(kernel, filters, patch);
        this.biasOff = ps.slot(layer.name() + ".bias").offset();
        this.cols = Nd4j.create(DataType.FLOAT, new long[] {patch, (long) batch * ho * wo}, 'c');
        this.z = Nd4j.create(DataType.FLOAT, new long[] {filters, (long) batch * ho * wo}, 'c');
        this.out = buffer(batch, layer.output());
        this.fIn = fb(in);
        this.fCols = fb(cols);
        this.fZ = fb(z);
        this.fOut = fb(out);
        this.biasGrads = new float[batch * filters];
        int width = batch * ho * wo;
        this.direct = width <= Exec.IM2COL_MAX_INFERENCE_POSITIONS ? new Blas.Matrix[] {
            Blas.Matrix.of(weights, filters, patch), Blas.Matrix.of(cols, patch, width),
            Blas.Matrix.of(z, filters, width)} : null;
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        dCols = d == null ? null : Nd4j.create(DataType.FLOAT, cols.shape(), 'c');
        return d;
    }

    @Override
    void forward(boolean training) {
        Kernels.parallel(batch, (long) patch * ho * wo, this::im2col);
        if (direct != null) { // ND4J's gemm costs more than the product here
            Blas.gemm(direct[0], false, direct[1], false, direct[2]);
        } else { // many columns: ND4J's gemm (oneDNN) is the faster one
            Nd4j.gemm(weights, cols, z, false, false, 1.0, 0.0);
        }
        Kernels.parallel(batch, (long) filters * ho * wo, this::zToOut);
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
