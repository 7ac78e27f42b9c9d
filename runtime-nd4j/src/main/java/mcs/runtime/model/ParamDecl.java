package mcs.runtime.model;

/** A parameter a layer needs: the tensor name's suffix ({@code kernel}, {@code bias}), role, shape. */
public record ParamDecl(String suffix, TensorRole role, int[] shape) {

    public ParamDecl {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of values, without overflow for shapes too large to allocate. */
    public long count() {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
