package mcs.runtime.train;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;

/**
 * How a forward-only network arranges its work, layer by layer. Two rearrangements, both with
 * the same results as the training path:
 * <ul>
 * <li>Channels last: when the network opens with oneDNN convolutions and 2x2 max pools up to
 * a flatten, those layers keep their images in NHWC order, which oneDNN's convolutions use
 * inside; in NCHW order each convolution reorders its input and output (LeNet-5 at batch 256,
 * 2 cores: 2.4 instead of 1.2 ms for its first convolution). The flatten puts the values back
 * in NCHW order, so dense layers and outputs see what they always see.</li>
 * <li>ReLU after the max pool: {@code max(relu(a), relu(b)) = relu(max(a, b))}, so a
 * convolution's ReLU runs on the pooled output, a quarter of the values for 2x2 windows. Not
 * when the convolution's own output is quantised.</li>
 * </ul>
 * Neither when every layer's output is looked at as the layer computes it (calibration).
 * A network run as one of the parts of a batch on its own core ({@link Network#forInference})
 * keeps off OpenBLAS: its convolutions run on oneDNN whatever the batch, its dense layers
 * multiply through oneDNN.
 */
final class InferencePlan {

    /**
     * What one top-level layer does differently in inference; {@code lane} when it runs in a
     * part of the batch on one core.
     */
    record Step(boolean channelsLast, boolean deferActivation, Activation after, boolean lane) {
    }

    private InferencePlan() {
    }

    /**
     * One step per top-level layer of {@code model} run forward at {@code batch}; with
     * {@code observed}, every layer's output is read after the pass, in its usual order, and
     * nothing is rearranged.
     */
    static List<Step> of(Model model, int batch, boolean observed) {
        return of(model, batch, observed, false);
    }

    /** {@link #of(Model, int, boolean)}, for a part of a batch on one core with {@code lane}. */
    static List<Step> of(Model model, int batch, boolean observed, boolean lane) {
        List<Layer> top = model.layers();
        int flatten = observed ? -1 : channelsLastEnd(model, batch, lane);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            boolean defer = !observed && i + 1 < top.size() && defersRelu(top.get(i), batch, lane)
                    && top.get(i + 1).spec() instanceof LayerSpec.Pool p && p.max()
                    && !model.activations().containsKey(top.get(i).name());
            boolean after = i > 0 && steps.get(i - 1).deferActivation();
            steps.add(new Step(i <= flatten, defer, after ? Activation.RELU : Activation.LINEAR,
                    lane));
        }
        return steps;
    }

    /**
     * The index of the flatten that ends a channels-last opening (oneDNN convolutions and 2x2
     * max pools, at least one convolution), or -1 when the network runs channels first.
     */
    static int channelsLastEnd(Model model, int batch, boolean lane) {
        if (model.input().rank() != 3) {
            return -1;
        }
        List<Layer> top = model.layers();
        boolean conv = false;
        for (int i = 0; i < top.size(); i++) {
            Layer layer = top.get(i);
            LayerSpec spec = layer.spec();
            if (spec instanceof LayerSpec.Conv2D) {
                if (!runsOnOneDnn(layer, batch, lane)) {
                    return -1;
                }
                conv = true;
            } else if (spec instanceof LayerSpec.Flatten) {
                return conv ? i : -1;
            } else if (!(spec instanceof LayerSpec.Pool p && PoolExec.twoByTwo(p, layer))) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether {@code layer} is a ReLU convolution run by {@link ConvExec} in inference. */
    private static boolean defersRelu(Layer layer, int batch, boolean lane) {
        return layer.spec() instanceof LayerSpec.Conv2D c && c.activation() == Activation.RELU
                && runsOnOneDnn(layer, batch, lane);
    }

    /** Whether a convolution layer runs as {@link ConvExec} in inference at {@code batch}. */
    private static boolean runsOnOneDnn(Layer layer, int batch, boolean lane) {
        LayerSpec.Conv2D c = (LayerSpec.Conv2D) layer.spec();
        return Exec.onConvExec(c, layer, c.activation(), batch, true, lane);
    }
}
