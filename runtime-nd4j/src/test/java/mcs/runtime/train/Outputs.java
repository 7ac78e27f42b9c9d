package mcs.runtime.train;

import java.util.Random;
import mcs.runtime.Engine;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Test access to a model's inference output (logits) for given inputs. */
public final class Outputs {

    private Outputs() {
    }

    /** The last layer's output for {@code batch} samples laid out row-major in {@code x}. */
    public static float[] of(Model model, float[] x, int batch) {
        Engine.init();
        ParamStore store = new ParamStore(model);
        INDArray in = Exec.buffer(batch, model.input());
        Exec.fb(in).put(0, x, 0, x.length);
        INDArray cur = in;
        Exec[] execs = new Exec[model.layers().size()];
        for (int i = 0; i < execs.length; i++) {
            Layer l = model.layers().get(i);
            execs[i] = Exec.create(l, cur, batch, store, false, i == execs.length - 1,
                    new Random(0));
            cur = execs[i].out;
        }
        for (Exec e : execs) {
            e.forward(false);
        }
        float[] out = new float[batch * model.output().size()];
        Exec.fb(cur).get(0, out, 0, out.length);
        return out;
    }

    /** Inputs of the model's shape drawn from a seeded Gaussian. */
    public static float[] randomInputs(Model model, int batch, long seed) {
        Random r = new Random(seed);
        float[] x = new float[batch * model.input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
