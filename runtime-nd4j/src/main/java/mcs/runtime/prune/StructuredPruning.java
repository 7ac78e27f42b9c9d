package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/**
 * Structured pruning: whole conv filters, dense units or conv input channels, ranked by the L1
 * or L2 norm of their weights, are removed physically. The layer gets fewer filters/units, the
 * layers between it and the next weighted layer (BatchNorm statistics, pooling, Flatten) follow,
 * and the next weighted layer loses the matching inputs (kernel rows, input channels, or through
 * Flatten the blocks of features of the removed channels). The result computes exactly what the
 * original computes when the next layer ignores the removed channels.
 *
 * <p>A layer whose output must keep its size is left as is: the output layer (the classes), the
 * last weighted layer of a residual body, one feeding a residual block or a softmax; the first
 * conv cannot lose input channels (they are the data). Such a layer is refused when named.
 */
public final class StructuredPruning {

    /** What is removed. */
    public enum Granularity {
        /** Output channels of conv layers. */
        FILTER("filters", Selection.Kinds.CONV),
        /** Output units of dense layers. */
        NEURON("units", Selection.Kinds.DENSE),
        /** Input channels of conv layers (and the filters producing them). */
        CHANNEL("input channels", Selection.Kinds.CONV);

        private final String removes;
        private final Selection.Kinds kinds;

        Granularity(String removes, Selection.Kinds kinds) {
            this.removes = removes;
            this.kinds = kinds;
        }

        public Selection.Kinds kinds() {
            return kinds;
        }
    }

    /** How filters are ranked. */
    public enum Norm { L1, L2 }

    /** A producer whose outputs feed {@code consumer} through {@code between}. */
    private record Cut(Layer producer, List<Layer> between, Layer consumer, int block) { }

    /** Where a layer sits: its list (top level or a residual body) and the block owning it. */
    private record Place(List<Layer> list, int index, Layer owner) { }

    private StructuredPruning() {
    }

    /**
     * Removes the weakest {@code fraction} of each selected layer's filters/units/channels
     * (keeping {@code max(round(n (1 - fraction)), 1)}; ties keep the earlier ones).
     */
    public static Model prune(Model model, double fraction, Granularity g, Norm norm,
                              Selection selection) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidInputException("the fraction removed must be in [0, 1), got "
                    + fraction);
        }
        if (model.plan() != null) {
            throw new InvalidInputException("the model has a pending pruning schedule; remove "
                    + "structures first, then prune(sparsity, schedule=...)");
        }
        Map<String, Place> places = new HashMap<>();
        index(model.layers(), null, places);
        Map<String, int[]> outKeep = new HashMap<>();
        Map<String, int[]> inKeep = new HashMap<>();
        List<String> left = new ArrayList<>();
        for (Layer l : selection.choose(model, g.kinds())) {
            Object found = g == Granularity.CHANNEL ? producerOf(l, places.get(l.name()))
                    : consumerOf(places.get(l.name()));
            if (found instanceof String reason) {
                if (selection.named(l)) {
                    throw new InvalidInputException(l.name() + " cannot lose " + g.removes + ": "
                            + reason);
                }
                left.add(l.name() + " (" + reason + ")");
                continue;
            }
            Cut cut = (Cut) found;
            int[] keep = Slices.kept(MagnitudePruner.mask(ranking(model, cut, g, norm), fraction));
            outKeep.put(cut.producer().name(), keep);
            for (Layer b : cut.between()) {
                inKeep.put(b.name(), keep);
            }
            inKeep.put(cut.consumer().name(), Slices.expand(keep, cut.block()));
        }
        if (Selection.candidates(model, g.kinds()).isEmpty()) {
            throw new InvalidInputException(model.name() + " has no " + g.kinds().label()
                    + " layer to lose " + g.removes + (g == Granularity.NEURON
                    ? "; granularity=filter removes conv filters"
                    : "; granularity=neuron removes dense units"));
        }
        if (outKeep.isEmpty()) {
            throw new InvalidInputException("no " + g.kinds().label() + " layer selected can lose "
                    + g.removes + (left.isEmpty() ? "" : ": " + String.join("; ", left)));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            tensors.add(slice(t, outKeep, inKeep));
        }
        String label = g.name().toLowerCase(Locale.ROOT) + " "
                + norm.name().toLowerCase(Locale.ROOT);
        return model.rebuilt(specs(model.layers(), outKeep), tensors)
                .withHistory(String.format(Locale.ROOT, "prune %s %s%s%s", label,
                        Schedules.fmt(fraction), Pruning.describe(selection),
                        left.isEmpty() ? "" : ", left as is: " + String.join("; ", left)));
    }

    private static void index(List<Layer> list, Layer owner, Map<String, Place> places) {
        for (int i = 0; i < list.size(); i++) {
            Layer l = list.get(i);
            places.put(l.name(), new Place(list, i, owner));
            index(l.children(), l, places);
        }
    }

    /** The cut from the layer at {@code p} to the next weighted layer, or why there is none. */
    private static Object consumerOf(Place p) {
        List<Layer> between = new ArrayList<>();
        int block = 1;
        for (int j = p.index() + 1; j < p.list().size(); j++) {
            Layer l = p.list().get(j);
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Dense || s instanceof LayerSpec.Conv2D) {
                return new Cut(p.list().get(p.index()), between, l, block);
            } else if (s instanceof LayerSpec.Residual) {
                return "it feeds " + l.name() + ", whose skip connection needs all its channels";
            } else if (s instanceof LayerSpec.Act a && a.activation() == Activation.SOFTMAX) {
                return "the softmax after it mixes all its outputs";
            } else if (s instanceof LayerSpec.BatchNorm) {
                between.add(l);
            } else if (s instanceof LayerSpec.Flatten && l.input().isImage()) {
                block *= l.input().height() * l.input().width();
            }
        }
        return p.owner() != null
                ? "its output ends " + p.owner().name() + ", which must keep the block's shape"
                : "it is the output layer (the classes)";
    }

    /** The cut from the weighted layer before {@code consumer}, or why there is none. */
    private static Object producerOf(Layer consumer, Place p) {
        for (int j = p.index() - 1; j >= 0; j--) {
            Layer l = p.list().get(j);
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Dense || s instanceof LayerSpec.Conv2D) {
                return consumerOf(new Place(p.list(), j, p.owner()));
            } else if (s instanceof LayerSpec.Residual) {
                return "its input comes from " + l.name() + ", whose skip connection needs all "
                        + "its channels";
            }
        }
        return p.owner() != null
                ? "its input is the input of " + p.owner().name() + ", which must keep its shape"
                : "its input channels are the model's input";
    }

    /** Scores of the producer's outputs: its filter/unit norms, or the consumer's channel norms. */
    private static float[] ranking(Model model, Cut cut, Granularity g, Norm norm) {
        boolean l2 = norm == Norm.L2;
        if (g == Granularity.CHANNEL) {
            return Slices.norms(model.tensor(cut.consumer().name() + ".kernel"), 1, l2);
        }
        Tensor k = model.tensor(cut.producer().name() + ".kernel");
        return Slices.norms(k, k.shape().length == 2 ? 1 : 0, l2);
    }

    private static Tensor slice(Tensor t, Map<String, int[]> outKeep, Map<String, int[]> inKeep) {
        String layer = t.name().substring(0, t.name().lastIndexOf('.'));
        int[] out = outKeep.get(layer);
        int[] in = inKeep.get(layer);
        if (t.role() == TensorRole.KERNEL) {
            boolean dense = t.shape().length == 2;
            return Slices.keep(Slices.keep(t, dense ? 1 : 0, out), dense ? 0 : 1, in);
        } else if (t.role() == TensorRole.BIAS) {
            return Slices.keep(t, 0, out);
        }
        return Slices.keep(t, 0, in);
    }

    private static List<LayerSpec> specs(List<Layer> layers, Map<String, int[]> outKeep) {
        List<LayerSpec> out = new ArrayList<>();
        for (Layer l : layers) {
            LayerSpec s = l.spec();
            int[] keep = outKeep.get(l.name());
            if (s instanceof LayerSpec.Dense d && keep != null) {
                s = new LayerSpec.Dense(keep.length, d.activation());
            } else if (s instanceof LayerSpec.Conv2D c && keep != null) {
                s = new LayerSpec.Conv2D(keep.length, c.kernel(), c.stride(), c.padding(),
                        c.activation());
            } else if (s instanceof LayerSpec.Residual) {
                s = new LayerSpec.Residual(specs(l.children(), outKeep));
            }
            out.add(s);
        }
        return out;
    }
}
