package mcs.runtime.data;

import java.nio.FloatBuffer;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Shape;

/**
 * One split of a dataset: {@code n} samples of {@code sampleShape}, pixel values scaled to
 * [0, 1], with integer class labels.
 */
public final class Split {

    private final String name;
    private final Shape sampleShape;
    private final float[] samples;
    private final int[] labels;
    private final int classes;

    public Split(String name, Shape sampleShape, float[] samples, int[] labels, int classes) {
        if ((long) labels.length * sampleShape.size() != samples.length) {
            throw new InvalidInputException(name + ": " + labels.length + " labels for "
                    + samples.length / Math.max(1, sampleShape.size()) + " samples");
        }
        for (int y : labels) {
            if (y < 0 || y >= classes) {
                throw new InvalidInputException(name + ": label " + y + " outside 0.." + (classes - 1));
            }
        }
        this.name = name;
        this.sampleShape = sampleShape;
        this.samples = samples;
        this.labels = labels;
        this.classes = classes;
    }

    public String name() {
        return name;
    }

    public Shape sampleShape() {
        return sampleShape;
    }

    public int size() {
        return labels.length;
    }

    public int classes() {
        return classes;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Copies samples {@code order[from..from+count)} into {@code dst} at position 0. */
    public void copyBatch(int[] order, int from, int count, FloatBuffer dst) {
        int n = sampleShape.size();
        for (int r = 0; r < count; r++) {
            dst.put(r * n, samples, order[from + r] * n, n);
        }
    }

    /** Copies samples {@code from..from+count} (in order) into {@code dst} at position 0. */
    public void copyRange(int from, int count, FloatBuffer dst) {
        int n = sampleShape.size();
        dst.put(0, samples, from * n, count * n);
    }

    /** The first {@code n} samples (or all, if fewer), sharing no state with this split. */
    public Split head(int n) {
        return range(name, 0, Math.min(n, size()));
    }

    /** Samples {@code from..from+count}, named {@code name}, sharing no state with this split. */
    public Split range(String name, int from, int count) {
        if (from < 0 || count < 0 || from + count > size()) {
            throw new IllegalArgumentException("samples " + from + ".." + (from + count)
                    + " of " + size());
        }
        int s = sampleShape.size();
        return new Split(name, sampleShape,
                java.util.Arrays.copyOfRange(samples, from * s, (from + count) * s),
                java.util.Arrays.copyOfRange(labels, from, from + count), classes);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s split: %,d samples of %s, %d classes",
                name, size(), sampleShape, classes);
    }
}
