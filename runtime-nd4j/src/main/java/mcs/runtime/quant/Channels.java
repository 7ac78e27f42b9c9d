package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/**
 * The slices of a row-major tensor along one axis: element {@code (o, c, i)} of the view
 * {@code [outer, count, inner]} is at {@code (o * count + c) * inner + i}. A per-tensor spec is
 * the view {@code [1, 1, length]}. Shared by quantisation (per-channel specs) and weight
 * clustering ({@code mcs.runtime.cluster}, per-channel codebooks).
 */
public record Channels(int outer, int count, int inner) {

    /** What is done to the {@code [from, to)} run of a channel with its scale and zero point. */
    @FunctionalInterface
    interface Run {
        void apply(int from, int to, float scale, int zeroPoint);
    }

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

    /**
     * The layout of a tensor of {@code length} values and this shape along {@code axis};
     * {@code op} names the operation in the error for an axis out of range.
     */
    public static Channels of(String op, int[] shape, int axis, int length) {
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
    public int start(int o, int c) {
        return (o * count + c) * inner;
    }

    /** How many values one channel has. */
    public int channelLength() {
        return outer * inner;
    }

    /** The values of channel {@code c} of {@code src}, in row-major order. */
    public float[] gather(float[] src, int c) {
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, start(o, c), out, o * inner, inner);
        }
        return out;
    }

    /** Writes {@code slice} (as {@link #gather} returns it) to channel {@code c} of dst. */
    public void scatter(float[] slice, float[] dst, int c) {
        for (int o = 0; o < outer; o++) {
            System.arraycopy(slice, o * inner, dst, start(o, c), inner);
        }
    }

    /** Calls {@code run} on each run of a channel in order, with its scale and zero point. */
    void forEachRun(QuantSpec spec, Run run) {
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < count; c++) {
                int start = start(o, c);
                run.apply(start, start + inner, spec.scale(c), spec.zeroPoint(c));
            }
        }
    }
}
