package mcs.runtime.model;

import java.util.Arrays;

/**
 * A named parameter tensor with its compression state: dense values in row-major order and an
 * optional pruning mask ({@code false} = pruned, held at exactly zero). Immutable: arrays are
 * copied in and out.
 */
public final class Tensor {

    private final String name;
    private final TensorRole role;
    private final int[] shape;
    private final float[] values;
    private final boolean[] mask;

    private Tensor(String name, TensorRole role, int[] shape, float[] values, boolean[] mask) {
        this.name = name;
        this.role = role;
        this.shape = shape;
        this.values = values;
        this.mask = mask;
    }

    public static Tensor of(String name, TensorRole role, int[] shape, float[] values) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " holds " + n + " values, got " + values.length);
        }
        return new Tensor(name, role, shape.clone(), values.clone(), null);
    }

    public String name() {
        return name;
    }

    public TensorRole role() {
        return role;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return values.length;
    }

    public float value(int i) {
        return values[i];
    }

    public float[] values() {
        return values.clone();
    }

    /** Copies the values into {@code dst} at {@code offset}, without an intermediate array. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    public boolean hasMask() {
        return mask != null;
    }

    /** The pruning mask ({@code true} = kept), or null when the tensor is not pruned. */
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    public boolean kept(int i) {
        return mask == null || mask[i];
    }

    public int nonzeros() {
        int n = 0;
        for (float v : values) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** A copy with other values; the mask is kept and applied (masked positions become 0). */
    public Tensor withValues(float[] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException(name + ": expected " + values.length + " values");
        }
        float[] v = newValues.clone();
        applyMask(v, mask);
        return new Tensor(name, role, shape, v, mask);
    }

    /** A copy with this mask applied (null removes the mask and keeps the values). */
    public Tensor withMask(boolean[] newMask) {
        if (newMask == null) {
            return new Tensor(name, role, shape, values, null);
        }
        if (newMask.length != values.length) {
            throw new IllegalArgumentException(name + ": mask of " + newMask.length + " for "
                    + values.length + " values");
        }
        boolean[] m = newMask.clone();
        float[] v = values.clone();
        applyMask(v, m);
        return new Tensor(name, role, shape, v, m);
    }

    private static void applyMask(float[] v, boolean[] m) {
        if (m != null) {
            for (int i = 0; i < v.length; i++) {
                if (!m[i]) {
                    v[i] = 0f;
                }
            }
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
