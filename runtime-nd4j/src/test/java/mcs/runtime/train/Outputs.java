package mcs.runtime.train;

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
        return net.logits();
    }
}
