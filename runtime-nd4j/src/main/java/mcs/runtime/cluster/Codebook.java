package mcs.runtime.cluster;

import java.util.Arrays;

/**
 * A clustered (weight-shared) tensor: a small table of centroids and, for each weight, the
 * index of its centroid. Immutable.
 *
 * <p>Codebooks made by {@link Clustering} have their centroids in ascending order.
 * {@link #withCentroids} keeps every weight's index (so per-centroid training state stays
 * aligned) and may leave them out of order; {@link #sorted} restores the order.
 *
 * <p>A codebook may reserve one index for exact zeros ({@link #zeroIndex}, -1 if none): its
 * centroid is exactly 0 and stays 0 (sparsity-preserving clustering). Indices are stored in
 * one byte per weight up to 256 centroids and two bytes up to {@value #MAX_CENTROIDS}.
 */
public final class Codebook {

    /** The most centroids a codebook can hold (16-bit indices). */
    public static final int MAX_CENTROIDS = 1 << 16;

    private final float[] centroids;
    private final byte[] narrow; // indices when there are at most 256 centroids
    private final char[] wide; // indices otherwise
    private final int length;
    private final int zeroIndex;

    Codebook(float[] centroids, byte[] narrow, char[] wide, int zeroIndex) {
        this.centroids = centroids;
        this.narrow = narrow;
        this.wide = wide;
        this.length = narrow != null ? narrow.length : wide.length;
        this.zeroIndex = zeroIndex;
    }

    /** A codebook without a reserved zero. */
    public static Codebook of(float[] centroids, int[] indices) {
        return of(centroids, indices, -1);
    }

    /**
     * A codebook from its parts (copied). {@code zeroIndex} is -1 or the index of a centroid
     * that is exactly 0.
     */
    public static Codebook of(float[] centroids, int[] indices, int zeroIndex) {
        int k = centroids.length;
        if (k > MAX_CENTROIDS) {
            throw new IllegalArgumentException("at most " + MAX_CENTROIDS + " centroids, got " + k);
        }
        checkZero(centroids, zeroIndex);
        for (float c : centroids) {
            if (!Float.isFinite(c)) {
                throw new IllegalArgumentException("centroid is not finite: " + c);
            }
        }
        byte[] narrow = k <= 256 ? new byte[indices.length] : null;
        char[] wide = narrow == null ? new char[indices.length] : null;
        for (int i = 0; i < indices.length; i++) {
            int j = indices[i];
            if (j < 0 || j >= k) {
                throw new IllegalArgumentException("index " + j + " at " + i + " is outside [0, "
                        + k + ")");
            }
            if (narrow != null) {
                narrow[i] = (byte) j;
            } else {
                wide[i] = (char) j;
            }
        }
        return new Codebook(centroids.clone(), narrow, wide, zeroIndex);
    }

    /** The number of centroids. */
    public int size() {
        return centroids.length;
    }

    /** The number of weights. */
    public int length() {
        return length;
    }

    public float centroid(int j) {
        return centroids[j];
    }

    public float[] centroids() {
        return centroids.clone();
    }

    /** The centroid index of weight {@code i}. */
    public int index(int i) {
        return narrow != null ? narrow[i] & 0xFF : wide[i];
    }

    public int[] indices() {
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            out[i] = index(i);
        }
        return out;
    }

    /** The index reserved for exact zeros, or -1. */
    public int zeroIndex() {
        return zeroIndex;
    }

    /** Bits needed to store one index: ceil(log2(size)), at least 1. */
    public int bitsPerIndex() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(centroids.length - 1, 0)));
    }

    /** How many weights use each centroid. */
    public int[] counts() {
        int[] counts = new int[centroids.length];
        for (int i = 0; i < length; i++) {
            counts[index(i)]++;
        }
        return counts;
    }

    /** The weights this codebook stands for: {@code centroids[index(i)]}. */
    public float[] reconstruct() {
        float[] out = new float[length];
        if (narrow != null) {
            for (int i = 0; i < length; i++) {
                out[i] = centroids[narrow[i] & 0xFF];
            }
        } else {
            for (int i = 0; i < length; i++) {
                out[i] = centroids[wide[i]];
            }
        }
        return out;
    }

    /**
     * The same indices with new centroid values (as after a fine-tuning step); the reserved
     * zero, if any, must still be exactly 0.
     */
    public Codebook withCentroids(float[] newCentroids) {
        if (newCentroids.length != centroids.length) {
            throw new IllegalArgumentException("expected " + centroids.length
                    + " centroids, got " + newCentroids.length);
        }
        checkZero(newCentroids, zeroIndex);
        return new Codebook(newCentroids.clone(), narrow, wide, zeroIndex);
    }

    /** This codebook with its centroids in ascending order (indices remapped; ties stable). */
    public Codebook sorted() {
        int k = centroids.length;
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Float.compare(centroids[a], centroids[b]));
        int[] rank = new int[k];
        float[] c = new float[k];
        boolean same = true;
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
            c[r] = centroids[order[r]];
            same &= order[r] == r;
        }
        if (same) {
            return this;
        }
        int[] idx = indices();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rank[idx[i]];
        }
        return of(c, idx, zeroIndex < 0 ? -1 : rank[zeroIndex]);
    }

    private static void checkZero(float[] centroids, int zeroIndex) {
        if (zeroIndex < -1 || zeroIndex >= centroids.length) {
            throw new IllegalArgumentException("zero index " + zeroIndex + " is outside [-1, "
                    + centroids.length + ")");
        }
        if (zeroIndex >= 0 && centroids[zeroIndex] != 0f) {
            throw new IllegalArgumentException("the reserved zero centroid " + zeroIndex
                    + " must be 0, got " + centroids[zeroIndex]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Codebook b && zeroIndex == b.zeroIndex
                && Arrays.equals(centroids, b.centroids) && Arrays.equals(narrow, b.narrow)
                && Arrays.equals(wide, b.wide);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(centroids) + Arrays.hashCode(narrow))
                + Arrays.hashCode(wide) + zeroIndex;
    }

    @Override
    public String toString() {
        String shown = centroids.length <= 16 ? Arrays.toString(centroids)
                : Arrays.toString(Arrays.copyOf(centroids, 16)).replace("]", ", ...]");
        return "Codebook[" + centroids.length + " centroids " + shown + ", " + length
                + " weights" + (zeroIndex >= 0 ? ", zero at " + zeroIndex : "") + "]";
    }
}
