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
        float inv = 1f / (size * size);
        int o = 0;
        for (int p = 0; p < planes; p++) {
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
        int n = planes * h * w;
        for (int i = 0; i < n; i++) {
            di.put(i, 0f);
        }
        if (max) {
            for (int o = 0; o < winner.length; o++) {
                di.put(winner[o], di.get(winner[o]) + d.get(o));
            }
            return;
        }
        float inv = 1f / (size * size);
        int o = 0;
        for (int p = 0; p < planes; p++) {
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
