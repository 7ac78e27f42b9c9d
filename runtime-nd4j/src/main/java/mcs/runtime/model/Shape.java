package mcs.runtime.model;

import java.util.Arrays;

/**
 * The shape of one sample (no batch dimension): {@code [features]} for vectors, or
 * {@code [channels, height, width]} for images (channels first, as the engine stores them).
 */
public record Shape(int[] dims) {

    public Shape {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
        }
        dims = dims.clone();
    }

    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    public static Shape image(int channels, int height, int width) {
        return new Shape(new int[] {channels, height, width});
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public boolean isImage() {
        return dims.length == 3;
    }

    public int channels() {
        return dims[0];
    }

    public int height() {
        return dims[1];
    }

    public int width() {
        return dims[2];
    }

    /** Number of values in one sample. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Keras-style, channels last for images: {@code (28, 28, 1)} or {@code (500)}. */
    @Override
    public String toString() {
        int[] shown = isImage() ? new int[] {dims[1], dims[2], dims[0]} : dims;
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shown.length; i++) {
            b.append(i > 0 ? ", " : "").append(shown[i]);
        }
        return b.append(')').toString();
    }
}
