package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.List;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Tensor;
import mcs.runtime.quant.Channels;

/**
 * The weights of one clustered tensor as groups sharing a centroid: position i belongs to group
 * {@code group[i]} (codebook offset + centroid index). Reserved zero centroids form no group.
 */
final class TiedWeights {

    private final int offset;
    private final int[] group;
    private final double[] sums;

    private TiedWeights(int offset, int[] group, int groups) {
        this.offset = offset;
        this.group = group;
        this.sums = new double[groups];
    }

    static TiedWeights of(Tensor t, int offset) {
        Clusters c = t.clusters();
        int[] group = new int[t.size()];
        List<Codebook> books = c.books();
        int base = 0;
        Channels ch = c.perChannel() ? Channels.of("cluster", t.shape(), c.axis(), t.size())
                : null;
        for (int b = 0; b < books.size(); b++) {
            Codebook book = books.get(b);
            int[] idx = book.indices();
            for (int k = 0; k < idx.length; k++) {
                int at = ch == null ? k : ch.start(k / ch.inner(), b) + k % ch.inner();
                group[at] = idx[k] == book.zeroIndex() ? -1 : base + idx[k];
            }
            base += book.size();
        }
        return new TiedWeights(offset, group, base);
    }

    /** Replaces each gradient by its group's sum; weights of a reserved zero get 0. */
    void tie(FloatBuffer g) {
        java.util.Arrays.fill(sums, 0);
        for (int i = 0; i < group.length; i++) {
            if (group[i] >= 0) {
                sums[group[i]] += g.get(offset + i);
            }
        }
        for (int i = 0; i < group.length; i++) {
            g.put(offset + i, group[i] >= 0 ? (float) sums[group[i]] : 0f);
        }
    }
}
