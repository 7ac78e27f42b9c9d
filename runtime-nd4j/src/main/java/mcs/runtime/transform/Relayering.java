package mcs.runtime.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.model.Tensor;

/**
 * Builds a model whose top-level layers are old layers (kept with their tensors and compression
 * state) and new ones, renaming every tensor as {@link Model#rebuilt} names layers: kind plus a
 * counter in execution order ({@code dense2} becomes {@code dense3} when a dense layer is
 * inserted before it).
 */
final class Relayering {

    /** A layer of the new model: an old layer kept as is, or a new one. */
    sealed interface Part permits Kept, Added { }

    /** An old top-level layer, residual body included, with its tensors. */
    record Kept(Layer layer) implements Part { }

    /** A new layer with its tensors by suffix ({@code kernel}, {@code bias}, ...). */
    record Added(LayerSpec spec, Map<String, Tensor> tensors) implements Part { }

    private final Model model;
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();

    private Relayering(Model model) {
        this.model = model;
    }

    /** {@code model} with these top-level layers; name, history and training data kept. */
    static Model rebuild(Model model, List<Part> parts) {
        Relayering r = new Relayering(model);
        List<LayerSpec> specs = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Kept k) {
                specs.add(k.layer().spec());
                r.keep(k.layer());
            } else {
                Added a = (Added) p;
                specs.add(a.spec());
                String name = r.nextName(a.spec());
                a.tensors().forEach((suffix, t) -> r.tensors.add(t.renamed(name + "." + suffix)));
            }
        }
        return model.rebuilt(specs, r.tensors);
    }

    private void keep(Layer layer) {
        String name = nextName(layer.spec());
        for (ParamDecl p : layer.params()) {
            tensors.add(model.tensor(layer.tensorName(p)).renamed(name + "." + p.suffix()));
        }
        for (Layer child : layer.children()) {
            keep(child);
        }
    }

    private String nextName(LayerSpec spec) {
        return spec.kind() + counters.merge(spec.kind(), 1, Integer::sum);
    }
}
