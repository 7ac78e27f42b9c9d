package mcs.runtime.compress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/**
 * Which kernels of a model a transform acts on: every Dense/Conv kernel except those whose layer
 * or tensor is named in {@code skip}. Unknown names are an error that lists the valid ones.
 */
public final class TensorSelection {

    private TensorSelection() {
    }

    /** The kernels of {@code model} not skipped, in model order. */
    public static List<Tensor> kernels(Model model, String op, Set<String> skip) {
        Set<String> valid = names(model);
        for (String s : skip) {
            if (!valid.contains(s)) {
                throw new InvalidInputException(op + ": no layer or tensor named '" + s
                        + "'; the model has " + String.join(", ", layerNames(model)));
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            if (t.role() == TensorRole.KERNEL && !skip.contains(t.name())
                    && !skip.contains(layerOf(t))) {
                out.add(t);
            }
        }
        return out;
    }

    /** The channel axis of a kernel: output channels (axis 0 of conv kernels [out, in, kh,
     * kw], axis 1 of dense kernels [in, out]). */
    public static int outputAxis(Tensor kernel) {
        return kernel.shape().length == 2 ? 1 : 0;
    }

    static String layerOf(Tensor t) {
        int dot = t.name().lastIndexOf('.');
        return dot < 0 ? t.name() : t.name().substring(0, dot);
    }

    private static Set<String> names(Model model) {
        Set<String> s = new LinkedHashSet<>(layerNames(model));
        for (Tensor t : model.tensors()) {
            s.add(t.name());
        }
        return s;
    }

    private static List<String> layerNames(Model model) {
        List<String> out = new ArrayList<>();
        for (Layer l : model.allLayers()) {
            out.add(l.name());
        }
        return out;
    }
}
