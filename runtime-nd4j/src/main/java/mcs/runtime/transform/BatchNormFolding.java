package mcs.runtime.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/**
 * Folds inference-mode batch normalisation into the Conv2D or Dense layer before it, as TFLite
 * and torch.ao do before quantising: with {@code s = gamma / sqrt(moving_variance + eps)} per
 * output channel, {@code w' = w * s} and {@code b' = (b - moving_mean) * s + beta}; the
 * BatchNorm layer disappears and inference outputs stay the same up to float rounding.
 *
 * <p>Only a top-level BatchNorm right after a conv or dense layer without activation can be
 * folded (with an activation in between the two do not commute); any other BatchNorm is kept and
 * listed in {@link Result#kept()}. Folding comes before clustering and quantisation: a kernel
 * that is clustered or quantised is refused. Pruning masks are kept (scaling keeps zeros).
 */
public final class BatchNormFolding {

    /** The folded model, the BatchNorm layers folded away, and why others were kept. */
    public record Result(Model model, List<String> folded, List<String> kept) { }

    private BatchNormFolding() {
    }

    public static Result fold(Model model) {
        List<Layer> layers = model.layers();
        List<Relayering.Part> parts = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
            if (next != null && next.spec() instanceof LayerSpec.BatchNorm bn && foldable(l)) {
                parts.add(folded(model, l, next, bn));
                folded.add(next.name());
                i++;
            } else {
                parts.add(new Relayering.Kept(l));
                if (l.spec() instanceof LayerSpec.BatchNorm) {
                    kept.add(l.name() + " (" + (i == 0 ? "first layer" : "after "
                            + describe(layers.get(i - 1))) + ")");
                }
                for (Layer child : l.children()) {
                    if (child.spec() instanceof LayerSpec.BatchNorm) {
                        kept.add(child.name() + " (inside residual block " + l.name() + ")");
                    }
                }
            }
        }
        Model out = folded.isEmpty() ? model
                : Relayering.rebuild(model, parts).withHistory("fold_bn " + String.join(", ",
                        folded));
        return new Result(out, List.copyOf(folded), List.copyOf(kept));
    }

    private static boolean foldable(Layer l) {
        if (l.spec() instanceof LayerSpec.Dense d) {
            return d.activation() == Activation.LINEAR;
        }
        return l.spec() instanceof LayerSpec.Conv2D c && c.activation() == Activation.LINEAR;
    }

    private static String describe(Layer l) {
        boolean weighted = l.spec() instanceof LayerSpec.Dense
                || l.spec() instanceof LayerSpec.Conv2D;
        return l.name() + (weighted ? ", whose activation comes before the batchnorm"
                : ", not a conv or dense layer");
    }

    private static Relayering.Part folded(Model m, Layer layer, Layer bnLayer,
                                          LayerSpec.BatchNorm bn) {
        Tensor kernel = m.tensor(layer.name() + ".kernel");
        Tensor bias = m.tensor(layer.name() + ".bias");
        for (Tensor t : List.of(kernel, bias)) {
            if (t.clusters() != null || t.quant() != null) {
                throw new InvalidInputException("fold_bn: " + t.name() + " is "
                        + (t.quant() != null ? "quantised" : "clustered")
                        + "; fold batch norm before clustering or quantising");
            }
        }
        String b = bnLayer.name() + ".";
        float[] gamma = m.tensor(b + "gamma").values();
        float[] beta = m.tensor(b + "beta").values();
        float[] mean = m.tensor(b + "moving_mean").values();
        float[] var = m.tensor(b + "moving_variance").values();
        int channels = gamma.length;
        double[] scale = new double[channels];
        float[] newBias = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = gamma[c] / Math.sqrt((double) var[c] + bn.epsilon());
            newBias[c] = (float) ((bias.value(c) - (double) mean[c]) * scale[c] + beta[c]);
        }
        float[] w = kernel.values();
        boolean dense = layer.spec() instanceof LayerSpec.Dense;
        int perChannel = w.length / channels;
        for (int i = 0; i < w.length; i++) {
            int c = dense ? i % channels : i / perChannel;
            w[i] = (float) (w[i] * scale[c]);
        }
        Tensor k = Tensor.of(kernel.name(), TensorRole.KERNEL, kernel.shape(), w)
                .withMask(kernel.mask()).withPrecision(kernel.precision());
        Tensor bb = Tensor.of(bias.name(), TensorRole.BIAS, bias.shape(), newBias)
                .withPrecision(bias.precision());
        return new Relayering.Added(layer.spec(), Map.of("kernel", k, "bias", bb));
    }
}
