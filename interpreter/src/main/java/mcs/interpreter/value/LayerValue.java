package mcs.interpreter.value;

import java.util.Locale;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;

/**
 * A layer: either a specification made by {@code conv(..)}, {@code dense(..)} and the like,
 * waiting for a {@code sequential(..)} call, or a layer of a model ({@code model.layers[2]}),
 * which also knows where it sits.
 */
public record LayerValue(LayerSpec spec, Placement placement) implements Value {

    /** Where a layer sits in a model: its name, shapes and parameter counts. */
    public record Placement(String name, Shape input, Shape output, long params, long nonzeros) { }

    public LayerValue {
        if (spec == null) {
            throw new IllegalArgumentException("spec is required");
        }
    }

    /** Layer {@code layer} of {@code model}, with its parameter counts. */
    public static LayerValue placed(Model model, Layer layer) {
        long params = 0;
        long nonzeros = 0;
        for (ParamDecl d : layer.params()) {
            Tensor t = model.tensor(layer.tensorName(d));
            params += t.size();
            nonzeros += t.nonzeros();
        }
        return new LayerValue(layer.spec(),
                new Placement(layer.name(), layer.input(), layer.output(), params, nonzeros));
    }

    /** A layer not yet part of a model. */
    public static LayerValue of(LayerSpec spec) {
        return new LayerValue(spec, null);
    }

    /** e.g. {@code conv 20@5x5}, or {@code conv1: conv 20@5x5 -> (24, 24, 20), 520 params}. */
    @Override
    public String show() {
        if (placement == null) {
            return spec.describe();
        }
        return String.format(Locale.ROOT, "%s: %s -> %s, %,d params", placement.name(),
                spec.describe(), placement.output(), placement.params());
    }

    @Override
    public String typeName() {
        return "layer";
    }
}
