package mcs.runtime.train;

import java.util.Random;
import mcs.runtime.Engine;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;

/** The raw class scores a model gives, for tests that compare models output for output. */
public final class Outputs {

    private Outputs() {
    }

    /** The logits of the first {@code count} samples of {@code split}, row by row. */
    public static float[] logits(Model m, Split split, int count) {
        Engine.init();
        Network net = new Network(m, count, false, 0);
        net.loadRange(split, 0, count);
        net.forward(false);
        return net.logits(count);
    }

    /** The logits for {@code batch} samples laid out row-major in {@code x}. */
    public static float[] of(Model model, float[] x, int batch) {
        return Evaluator.logits(model, x, batch);
    }

    /** The logits {@code net} gives for its batch of inputs laid out row-major in {@code x}. */
    static float[] logits(Network net, float[] x) {
        net.loadSamples(x, 0, net.batch());
        net.forward(false);
        return net.logits(net.batch());
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
