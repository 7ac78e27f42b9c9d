package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The mean (or max) of each channel's plane; backward spreads the gradient back over it. */
final class GlobalPoolExec extends Exec {

    private final boolean max;
    private final int planes;
    private final int plane;
    private final int[] winner;

    GlobalPoolExec(Layer layer, LayerSpec.GlobalPool spec, INDArray in, int batch,
                   boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.max = spec.max();
        this.planes = batch * layer.input().channels();
        this.plane = layer.input().height() * layer.input().width();
        this.out = buffer(batch, layer.output());
        this.winner = max ? new int[planes] : null;
    }

    @Override
    void forward(boolean training) {
        FloatBuffer x = fb(in), y = fb(out);
        for (int p = 0; p < planes; p++) {
            int base = p * plane;
            if (max) {
                int best = base;
                for (int i = base + 1; i < base + plane; i++) {
                    best = x.get(i) > x.get(best) ? i : best;
                }
                winner[p] = best;
                y.put(p, x.get(best));
            } else {
                double s = 0;
                for (int i = base; i < base + plane; i++) {
                    s += x.get(i);
                }
                y.put(p, (float) (s / plane));
            }
        }
    }

    @Override
    void backward() {
        if (dIn == null) {
            return;
        }
        FloatBuffer d = fb(dOut), di = fb(dIn);
        for (int p = 0; p < planes; p++) {
            int base = p * plane;
            float g = max ? 0f : d.get(p) / plane;
            for (int i = base; i < base + plane; i++) {
                di.put(i, g);
            }
            if (max) {
                di.put(winner[p], d.get(p));
            }
        }
    }
}
