package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.Random;
import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Inverted dropout: while training, zeroes each value with probability {@code rate}, scales the rest. */
final class DropoutExec extends Exec {

    private final float rate;
    private final Random random;
    private final float[] keep;

    DropoutExec(Layer layer, double rate, INDArray in, int batch, boolean needInputGrad,
                Random random) {
        super(layer, in, batch, needInputGrad);
        this.rate = (float) rate;
        this.random = random;
        this.out = buffer(batch, layer.output());
        this.keep = new float[(int) out.length()];
    }

    @Override
    void forward(boolean training) {
        if (!training || rate == 0f) {
            out.assign(in);
            java.util.Arrays.fill(keep, 1f);
            return;
        }
        float scale = 1f / (1f - rate);
        FloatBuffer x = fb(in), y = fb(out);
        for (int i = 0; i < keep.length; i++) {
            keep[i] = random.nextFloat() < rate ? 0f : scale;
            y.put(i, x.get(i) * keep[i]);
        }
    }

    @Override
    void backward() {
        if (dIn == null) {
            return;
        }
        FloatBuffer d = fb(dOut), di = fb(dIn);
        for (int i = 0; i < keep.length; i++) {
            di.put(i, d.get(i) * keep[i]);
        }
    }
}
