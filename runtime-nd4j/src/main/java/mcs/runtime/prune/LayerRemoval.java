package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;

/**
 * Removing a whole layer (an activation, dropout, batchnorm, a residual block, a conv or dense
 * layer whose output has its input's shape): the layers after it take its input. Layers are
 * renamed as a new model would name them ({@code dense3} becomes {@code dense2} after dropping
 * {@code dense2}); their tensors keep all their compression state.
 */
public final class LayerRemoval {

    private LayerRemoval() {
    }

    /** Every layer name of the model, residual bodies included, in execution order. */
    public static List<String> layerNames(Model model) {
        List<String> names = new ArrayList<>();
        for (Layer l : model.allLayers()) {
            names.add(l.name());
        }
        return names;
    }

    public static Model drop(Model model, String name) {
        if (model.plan() != null) {
            throw new InvalidInputException("the model has a pending pruning schedule; drop "
                    + "layers first, then prune(sparsity, schedule=...)");
        }
        Layer target = null;
        for (Layer l : model.allLayers()) {
            if (l.name().equals(name)) {
                target = l;
            }
        }
        if (target == null) {
            throw new InvalidInputException("no layer named " + name + " in " + model.name()
                    + "; layers: " + String.join(", ", layerNames(model)));
        }
        if (model.layers().size() == 1 && model.layers().get(0) == target) {
            throw new InvalidInputException("cannot drop " + name + ": it is the only layer");
        }
        List<LayerSpec> specs = without(model.layers(), target, null);
        Model built = Model.sequential(model.name(), model.input(), specs, 0);
        Map<String, String> rename = new HashMap<>();
        List<Layer> kept = new ArrayList<>();
        for (Layer l : model.allLayers()) {
            if (!inside(l, target)) {
                kept.add(l);
            }
        }
        List<Layer> now = built.allLayers();
        for (int i = 0; i < kept.size(); i++) {
            rename.put(kept.get(i).name(), now.get(i).name());
        }
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            int dot = t.name().lastIndexOf('.');
            String layer = rename.get(t.name().substring(0, dot));
            if (layer != null) {
                tensors.add(renamed(t, layer + t.name().substring(dot)));
            }
        }
        return model.rebuilt(specs, tensors).withHistory("drop_layer " + name);
    }

    /** The specs without {@code target}; checks that the layers around it still fit. */
    private static List<LayerSpec> without(List<Layer> layers, Layer target, Layer owner) {
        List<LayerSpec> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l == target) {
                requireSameShape(l, i + 1 < layers.size() ? layers.get(i + 1) : null, owner);
                if (owner != null && layers.size() == 1) {
                    throw new InvalidInputException("cannot drop " + l.name() + ": it is the only "
                            + "layer of " + owner.name() + "; drop " + owner.name() + " instead");
                }
                continue;
            }
            out.add(l.spec() instanceof LayerSpec.Residual
                    ? new LayerSpec.Residual(without(l.children(), target, l)) : l.spec());
        }
        return out;
    }

    private static void requireSameShape(Layer l, Layer next, Layer owner) {
        if (l.input().equals(l.output())) {
            return;
        }
        String after = next != null ? next.name() + " would get " + l.input() + " instead of "
                + l.output()
                : owner != null ? owner.name() + "'s body would end with " + l.input()
                        + " instead of " + l.output()
                : "the model's output would be " + l.input() + " instead of " + l.output();
        throw new InvalidInputException("cannot drop " + l.name() + ": it turns " + l.input()
                + " into " + l.output() + "; without it " + after);
    }

    private static boolean inside(Layer l, Layer target) {
        if (l == target) {
            return true;
        }
        for (Layer c : target.children()) {
            if (inside(l, c)) {
                return true;
            }
        }
        return false;
    }

    /** The same tensor under another name, with its mask, codebooks, grid and precision. */
    static Tensor renamed(Tensor t, String name) {
        if (t.name().equals(name)) {
            return t;
        }
        Tensor r = Tensor.of(name, t.role(), t.shape(), t.values());
        if (t.hasMask()) {
            r = r.withMask(t.mask());
        }
        if (t.clusters() != null) {
            r = r.withClusters(t.clusters());
        }
        if (t.quant() != null) {
            r = r.withQuant(t.quant());
        }
        return t.precision() != Precision.FP32 ? r.withPrecision(t.precision()) : r;
    }
}
