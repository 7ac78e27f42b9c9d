package mcs.runtime.cluster;

import mcs.runtime.InvalidInputException;

/**
 * The slices of a row-major tensor along one axis: element {@code (o, c, i)} of the view
 * {@code [outer, count, inner]} is at {@code (o * count + c) * inner + i}.
 */
record Channels(int outer, int count, int inner) {

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

    int channelLength() {
        return outer * inner;
    }

    float[] gather(float[] src, int c) {
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (o * count + c) * inner, out, o * inner, inner);
        }
        return out;
    }

    void scatter(float[] slice, float[] dst, int c) {
        for (int o = 0; o < outer; o++) {
            System.arraycopy(slice, o * inner, dst, (o * count + c) * inner, inner);
        }
    }
}
