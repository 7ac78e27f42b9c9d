package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max or average pooling as Java loops over channels-first planes (faster here than ND4J's and
 * oneDNN's pooling on this layout); max pooling remembers each window's winner for backward.
 */
final class PoolExec extends Exec {

    private final boolean max;
    private final int size;
    private final int stride;
    private final int planes;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;
    private final int[] winner;
    private final FloatBuffer fIn;
    private final FloatBuffer fOut;

    PoolExec(Layer layer, LayerSpec.Pool spec, INDArray in, int batch, boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.max = spec.max();
        this.size = spec.size();
        this.stride = spec.stride();
        this.planes = batch * layer.input().channels();
        this.h = layer.input().height();
        this.w = layer.input().width();
        this.ho = layer.output().height();
        this.wo = layer.output().width();
        this.out = buffer(batch, layer.output());
        this.fIn = fb(in);
        this.fOut = fb(out);
        this.winner = max ? new int[planes * ho * wo] : null;
    }

    @Override
    void forward(boolean training) {
        Kernels.parallel(planes, this::forwardPlanes);
    }

    /** Pools the planes {@code [from, to)} (a plane is one channel of one sample). */
    private void forwardPlanes(int from, int to) {
        float inv = 1f / (size * size);
        int o = from * ho * wo;
        for (int p = from; p < to; p++) {
            int base = p * h * w;
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++, o++) {
                    int top = base + y * stride * w + x * stride;
                    if (max) {
                        int best = top;
                        float m = fIn.get(top);
                        for (int dy = 0; dy < size; dy++) {
                            int row = top + dy * w;
                            for (int dx = 0; dx < size; dx++) {
                                float v = fIn.get(row + dx);
                                if (v > m) {
                                    m = v;
                                    best = row + dx;
                                }
                            }
                        }
                        fOut.put(o, m);
                        winner[o] = best;
                    } else {
                        float s = 0f;
                        for (int dy = 0; dy < size; dy++) {
                            for (int dx = 0; dx < size; dx++) {
                                s += fIn.get(top + dy * w + dx);
                            }
                        }
                        fOut.put(o, s * inv);
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
        Kernels.parallel(planes, (from, to) -> backwardPlanes(d, di, from, to));
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
        float inv = 1f / (size * size);
        int o = from * perPlane;
        for (int p = from; p < to; p++) {
            int base = p * h * w;
            for (int y = 0; y < ho; y++) {
                for (int x = 0; x < wo; x++, o++) {
                    int top = base + y * stride * w + x * stride;
                    float g = d.get(o) * inv;
                    for (int dy = 0; dy < size; dy++) {
                        for (int dx = 0; dx < size; dx++) {
                            di.put(top + dy * w + dx, di.get(top + dy * w + dx) + g);
                        }
                    }
                }
            }
        }
    }
}
