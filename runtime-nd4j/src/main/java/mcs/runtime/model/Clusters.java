package mcs.runtime.model;

import java.util.List;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.quant.QuantSpec;

/**
 * The weight sharing of one tensor: one codebook for the whole tensor ({@code axis == -1}) or
 * one per slice along {@code axis} (per channel), book c holding the weights of slice c in
 * row-major order of the other axes, as {@link Clustering#clusterPerChannel} lays them out.
 */
public record Clusters(int axis, List<Codebook> books) {

    public Clusters {
        books = List.copyOf(books);
        if (books.isEmpty() || (axis == QuantSpec.PER_TENSOR && books.size() != 1)) {
            throw new IllegalArgumentException("expected one codebook per tensor or per channel,"
                    + " got " + books.size() + " for axis " + axis);
        }
    }

    public boolean perChannel() {
        return axis != QuantSpec.PER_TENSOR;
    }

    /** The weights these codebooks stand for, laid out as {@code shape}. */
    public float[] reconstruct(int[] shape) {
        if (!perChannel()) {
            return books.get(0).reconstruct();
        }
        return Clustering.reconstructPerChannel(books.toArray(new Codebook[0]), shape, axis);
    }

    /** The largest codebook's size. */
    public int maxClusters() {
        int k = 0;
        for (Codebook b : books) {
            k = Math.max(k, b.size());
        }
        return k;
    }
}
