package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Window;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A direct convolution as Java loops over channels-first planes, for what ND4J's conv2d does not
 * do: groups (depthwise convolutions) and asymmetric pads. Cheap for depthwise layers, where each
 * output reads only one input channel.
 */
final class GroupedConvExec extends Exec {

    private final Activation act;
    private final ParamStore ps;
    private final int kernelOff;
    private final int biasOff;
    private final int filters;
    private final int channels;
    private final int groups;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;
    private final int kh;
    private final int kw;
    private final int sh;
    private final int sw;
    private final int pt;
    private final int pl;
    private final float[] x;
    private final float[] y;
    private final float[] k;
    private final FloatBuffer fOut;

    GroupedConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
                    boolean needInputGrad, Activation act) {
        super(layer, in, batch, needInputGrad);
        this.act = act;
        this.ps = ps;
        this.kernelOff = ps.slot(layer.name() + ".kernel").offset();
        this.biasOff = ps.slot(layer.name() + ".bias").offset();
        this.filters = spec.filters();
        this.channels = layer.input().channels();
        this.groups = spec.groups();
        this.h = layer.input().height();
        this.w = layer.input().width();
        this.ho = layer.output().height();
        this.wo = layer.output().width();
        Window win = spec.window();
        this.kh = win.kernelH();
        this.kw = win.kernelW();
        this.sh = win.strideH();
        this.sw = win.strideW();
        int[] pads = win.pads(h, w);
        this.pt = pads[0];
        this.pl = pads[1];
        this.out = buffer(batch, layer.output());
        this.fOut = fb(out);
        this.x = new float[(int) in.length()];
        this.y = new float[(int) out.length()];
        this.k = new float[ps.slot(layer.name() + ".kernel").size()];
    }

    @Override
    void forward(boolean training) {
        fb(in).get(0, x);
        ps.p.get(kernelOff, k);
        java.util.Arrays.fill(y, 0f);
        sweep(Mode.FORWARD, null, null);
        fOut.put(0, y);
        Kernels.biasActivate(fOut, batch, filters, ho * wo, ps.p, biasOff, act);
    }

    @Override
    void backward() {
        FloatBuffer d = fb(dOut);
        Kernels.activationBackward(d, fOut, (int) out.length(), ho * wo, act);
        Kernels.channelSums(d, batch, filters, ho * wo, ps.g, biasOff);
        d.get(0, y);
        float[] dk = new float[k.length];
        sweep(Mode.KERNEL_GRAD, dk, null);
        ps.g.put(kernelOff, dk);
        if (dIn != null) {
            float[] dx = new float[x.length];
            sweep(Mode.INPUT_GRAD, null, dx);
            fb(dIn).put(0, dx);
        }
    }

    private enum Mode { FORWARD, KERNEL_GRAD, INPUT_GRAD }

    /**
     * Visits every (output, input, kernel tap) triple once: forward accumulates into {@link #y};
     * with {@link #y} holding the output gradient, the other modes accumulate dk or dx.
     */
    private void sweep(Mode mode, float[] dk, float[] dx) {
        int fg = filters / groups, cg = channels / groups;
        for (int n = 0; n < batch; n++) {
            for (int oc = 0; oc < filters; oc++) {
                int g = oc / fg, yBase = (n * filters + oc) * ho * wo;
                for (int icg = 0; icg < cg; icg++) {
                    int xBase = (n * channels + g * cg + icg) * h * w;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int ki = ((oc * cg + icg) * kh + ky) * kw + kx;
                            int ox0 = Math.max(0, ceilDiv(pl - kx, sw));
                            int ox1 = Math.min(wo, Math.floorDiv(w - 1 + pl - kx, sw) + 1);
                            float kv = k[ki], acc = 0f;
                            for (int oy = 0; oy < ho; oy++) {
                                int iy = oy * sh - pt + ky;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                int xr = xBase + iy * w - pl + kx, yr = yBase + oy * wo;
                                if (mode == Mode.FORWARD) {
                                    for (int ox = ox0; ox < ox1; ox++) {
                                        y[yr + ox] += kv * x[xr + ox * sw];
                                    }
                                } else if (mode == Mode.KERNEL_GRAD) {
                                    for (int ox = ox0; ox < ox1; ox++) {
                                        acc += y[yr + ox] * x[xr + ox * sw];
                                    }
                                } else {
                                    for (int ox = ox0; ox < ox1; ox++) {
                                        dx[xr + ox * sw] += kv * y[yr + ox];
                                    }
                                }
                            }
                            if (mode == Mode.KERNEL_GRAD) {
                                dk[ki] += acc;
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
