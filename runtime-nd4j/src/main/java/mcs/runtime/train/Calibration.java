package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.data.Split;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import mcs.runtime.quant.Observer;

/**
 * Observes a model's activations on calibration data, as post-training static quantisation
 * needs: the input and the output of every top-level layer, in float.
 */
public final class Calibration {

    private static final int BATCH = 256;

    private Calibration() {
    }

    /**
     * Runs the first {@code samples} samples of {@code split} through {@code model} (without any
     * activation quantisation it carries) and returns one observer per activation, keyed by
     * {@link Model#INPUT} and the layer names.
     */
    public static Map<String, Observer> observe(Model model, Split split, int samples,
            Supplier<Observer> observers, Cancellation cancel) {
        Engine.init();
        Network.requireInputShape(model, split);
        Model plain = model.withActivations(Map.of());
        int n = Math.min(samples, split.size());
        Network net = Network.observing(plain, Math.min(BATCH, n));
        List<Layer> top = model.layers();
        Map<String, Observer> out = new LinkedHashMap<>();
        out.put(Model.INPUT, observers.get());
        for (Layer l : top) {
            out.put(l.name(), observers.get());
        }
        float[] buf = new float[0];
        for (int from = 0; from < n; from += net.batch()) {
            cancel.check();
            int count = Math.min(net.batch(), n - from);
            net.loadRange(split, from, count);
            net.forward(false);
            buf = observeRows(net.input(), count, net.batch(), out.get(Model.INPUT), buf);
            for (int i = 0; i < top.size(); i++) {
                buf = observeRows(net.output(i), count, net.batch(), out.get(top.get(i).name()),
                        buf);
            }
        }
        return out;
    }

    private static float[] observeRows(FloatBuffer b, int rows, int batch, Observer o,
            float[] buf) {
        int len = b.limit() / batch * rows;
        float[] a = buf.length >= len ? buf : new float[len];
        b.get(0, a, 0, len);
        o.observe(a, 0, len);
        return a;
    }
}
