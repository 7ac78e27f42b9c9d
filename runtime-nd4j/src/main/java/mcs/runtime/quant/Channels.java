package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/**
 * The slices of a row-major tensor along one axis: element {@code (o, c, i)} of the view
 * {@code [outer, count, inner]} is at {@code (o * count + c) * inner + i}. A per-tensor spec is
 * the view {@code [1, 1, length]}.
 */
record Channels(int outer, int count, int inner) {

    /** The layout {@code spec} applies to a tensor of {@code length} values and this shape. */
    static Channels of(QuantSpec spec, int[] shape, int length) {
        if (!spec.perChannel()) {
            return new Channels(1, 1, length);
        }
        if (shape == null) {
            throw new IllegalArgumentException("a per-channel spec needs the tensor's shape");
        }
        Channels ch = of("quantize", shape, spec.axis(), length);
        if (ch.count != spec.channels()) {
            throw new InvalidInputException("quantize: the spec has " + spec.channels()
                    + " channels but axis " + spec.axis() + " has " + ch.count);
        }
        return ch;
    }

    static Channels of(String op, int[] shape, int axis, int length) {
        if (axis < 0 || axis >= shape.length) {
            throw new InvalidInputException(op + ": axis " + axis
                    + " is out of range for a tensor of rank " + shape.length);
        }
        long outer = 1, inner = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0) {
                throw new IllegalArgumentException("negative dimension in shape");
            }
            if (d < axis) {
                outer *= shape[d];
            } else if (d > axis) {
                inner *= shape[d];
            }
        }
        if (outer * shape[axis] * inner != length) {
            throw new IllegalArgumentException("shape does not match " + length + " values");
        }
        return new Channels((int) outer, shape[axis], (int) inner);
    }

    /** The start of the run of {@code inner} values of channel {@code c} in outer block o. */
    int start(int o, int c) {
        return (o * count + c) * inner;
    }
}
