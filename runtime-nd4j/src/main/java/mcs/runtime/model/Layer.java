package mcs.runtime.model;

import java.util.List;

/**
 * A named layer in a model with its shapes; a residual block holds its body as children, a
 * branch the layers of all its paths, one path after the other.
 * Parameter tensors are named {@code name + "." + suffix}.
 */
public record Layer(String name, LayerSpec spec, Shape input, Shape output, List<Layer> children) {

    public Layer {
        children = List.copyOf(children);
    }

    public List<ParamDecl> params() {
        return spec.params(input);
    }

    public String tensorName(ParamDecl p) {
        return name + "." + p.suffix();
    }

    /** Layers in execution order, residual bodies expanded after their block. */
    public void flattenInto(List<Layer> out) {
        out.add(this);
        for (Layer c : children) {
            c.flattenInto(out);
        }
    }
}
