package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;

/**
 * Which weighted layers a pruning step acts on: all layers of the wanted kinds, or only those
 * named in {@code layers}, minus those named in {@code skip}. A name is a layer's
 * ({@code conv1}) or its kernel tensor's ({@code conv1.kernel}).
 */
public record Selection(List<String> layers, List<String> skip) {

    /** Every layer of the wanted kinds. */
    public static final Selection ALL = new Selection(List.of(), List.of());

    /** Which layers a granularity acts on. */
    public enum Kinds {
        /** Dense and Conv2D layers. */
        WEIGHTED,
        CONV,
        DENSE;

        boolean accepts(LayerSpec spec) {
            return switch (this) {
                case WEIGHTED -> spec instanceof LayerSpec.Dense
                        || spec instanceof LayerSpec.Conv2D;
                case CONV -> spec instanceof LayerSpec.Conv2D;
                case DENSE -> spec instanceof LayerSpec.Dense;
            };
        }

        /** e.g. {@code dense or conv}. */
        public String label() {
            return switch (this) {
                case WEIGHTED -> "dense or conv";
                case CONV -> "conv";
                case DENSE -> "dense";
            };
        }
    }

    public Selection {
        layers = List.copyOf(layers);
        skip = List.copyOf(skip);
    }

    /** The layers of these kinds, residual bodies included, in execution order. */
    public static List<Layer> candidates(Model model, Kinds kinds) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : model.allLayers()) {
            if (kinds.accepts(l.spec())) {
                out.add(l);
            }
        }
        return out;
    }

    /** Names a user may give for these kinds: layer names and their kernel tensors' names. */
    public static Set<String> validNames(Model model, Kinds kinds) {
        Set<String> names = new LinkedHashSet<>();
        for (Layer l : candidates(model, kinds)) {
            names.add(l.name());
            names.add(l.name() + ".kernel");
        }
        return names;
    }

    /** The message for a name that is not one of {@link #validNames}. */
    public static String unknown(String name, Model model, Kinds kinds) {
        List<String> layerNames = new ArrayList<>();
        for (Layer l : candidates(model, kinds)) {
            layerNames.add(l.name());
        }
        return "no " + kinds.label() + " layer named " + name + " in " + model.name()
                + "; valid names: " + String.join(", ", layerNames) + " (or <layer>.kernel)";
    }

    /** The chosen layers in execution order; unknown names are an error. */
    public List<Layer> choose(Model model, Kinds kinds) {
        Set<String> valid = validNames(model, kinds);
        for (List<String> names : List.of(layers, skip)) {
            for (String n : names) {
                if (!valid.contains(n)) {
                    throw new InvalidInputException(unknown(n, model, kinds));
                }
            }
        }
        List<Layer> out = new ArrayList<>();
        for (Layer l : candidates(model, kinds)) {
            if ((layers.isEmpty() || names(layers, l)) && !names(skip, l)) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whether this layer was named in {@code layers}. */
    public boolean named(Layer l) {
        return names(layers, l);
    }

    private static boolean names(List<String> names, Layer l) {
        return names.contains(l.name()) || names.contains(l.name() + ".kernel");
    }
}
