package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Element-wise {@code x * scale + shift} followed by clipping to [lo, hi] (either may be trivial). */
final class PointwiseExec extends Exec {

    private final float scale;
    private final float shift;
    private final float lo;
    private final float hi;

    PointwiseExec(Layer layer, INDArray in, int batch, boolean needInputGrad, double scale,
                  double shift, double lo, double hi) {
        super(layer, in, batch, needInputGrad);
        this.scale = (float) scale;
        this.shift = (float) shift;
        this.lo = (float) lo;
        this.hi = (float) hi;
        this.out = buffer(batch, layer.output());
    }

    static PointwiseExec of(Layer layer, INDArray in, int batch, boolean needInputGrad) {
        if (layer.spec() instanceof LayerSpec.Affine a) {
            return new PointwiseExec(layer, in, batch, needInputGrad, a.scale(), a.shift(),
                    Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        LayerSpec.Clip c = (LayerSpec.Clip) layer.spec();
        return new PointwiseExec(layer, in, batch, needInputGrad, 1, 0, c.min(), c.max());
    }

    @Override
    void forward(boolean training) {
        FloatBuffer x = fb(in), y = fb(out);
        for (int i = 0, n = (int) out.length(); i < n; i++) {
            y.put(i, Math.min(Math.max(x.get(i) * scale + shift, lo), hi));
        }
    }

    @Override
    void backward() {
        if (dIn == null) {
            return;
        }
        FloatBuffer d = fb(dOut), y = fb(out), di = fb(dIn);
        for (int i = 0, n = (int) out.length(); i < n; i++) {
            float v = y.get(i);
            di.put(i, v > lo && v < hi ? d.get(i) * scale : 0f);
        }
    }
}
