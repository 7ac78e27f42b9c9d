package mcs.runtime.io;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.quant.Channels;

/**
 * The cluster indices of a tensor, in row-major order of its positions (each position's index
 * belongs to the codebook of its channel). Stored positions go through one adaptive bit tree of
 * ceil(log2 k) bits. Pruned positions keep their indices too (so the codebooks round-trip
 * exactly): usually they all point at the same centroid (the reserved zero), which costs one
 * flag and one index; otherwise they are coded with a second tree.
 */
final class IndexCodec {

    private IndexCodec() {
    }

    static void write(RangeEncoder e, Clusters c, int[] shape, boolean[] stored,
                      boolean pruned) {
        int bits = bits(c);
        Layout at = new Layout(c, shape);
        int[][] idx = new int[c.books().size()][];
        for (int b = 0; b < idx.length; b++) {
            idx[b] = c.books().get(b).indices();
        }
        ValueCodec.Ints kept = new ValueCodec.Ints(bits);
        int common = -1;
        boolean same = true;
        for (int i = 0; i < at.n; i++) {
            int j = idx[at.book(i)][at.offset(i)];
            if (stored == null || stored[i]) {
                kept.write(e, j);
            } else {
                same &= common < 0 || common == j;
                common = j;
            }
        }
        if (!pruned) {
            return;
        }
        e.direct(same ? 1 : 0, 1);
        if (same) {
            e.direct(Math.max(common, 0), bits);
            return;
        }
        ValueCodec.Ints other = new ValueCodec.Ints(bits);
        for (int i = 0; i < at.n; i++) {
            if (!stored[i]) {
                other.write(e, idx[at.book(i)][at.offset(i)]);
            }
        }
    }

    /** The codebooks of {@code c} (indices as placeholders) with the indices read. */
    static Clusters read(RangeDecoder d, Clusters c, int[] shape, boolean[] stored,
                         boolean pruned) {
        int bits = bits(c);
        Layout at = new Layout(c, shape);
        int[][] idx = new int[c.books().size()][at.ch.channelLength()];
        ValueCodec.Ints kept = new ValueCodec.Ints(bits);
        for (int i = 0; i < at.n; i++) {
            if (stored == null || stored[i]) {
                idx[at.book(i)][at.offset(i)] = checked(c, at.book(i), kept.read(d));
            }
        }
        if (pruned) {
            boolean same = d.direct(1) == 1;
            int common = same ? (int) d.direct(bits) : -1;
            ValueCodec.Ints other = same ? null : new ValueCodec.Ints(bits);
            for (int i = 0; i < at.n; i++) {
                if (!stored[i]) {
                    int j = same ? common : other.read(d);
                    idx[at.book(i)][at.offset(i)] = checked(c, at.book(i), j);
                }
            }
        }
        List<Codebook> books = new ArrayList<>();
        for (int b = 0; b < idx.length; b++) {
            Codebook p = c.books().get(b);
            books.add(Codebook.of(p.centroids(), idx[b], p.zeroIndex()));
        }
        return new Clusters(c.axis(), books);
    }

    private static int checked(Clusters c, int book, int j) {
        if (j >= c.books().get(book).size()) {
            throw TensorCodec.corrupt("cluster index " + j + " is outside codebook " + book
                    + " of " + c.books().get(book).size() + " centroids");
        }
        return j;
    }

    private static int bits(Clusters c) {
        int k = c.maxClusters();
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(k - 1, 0)));
    }

    /** Where position i of the tensor sits: its codebook and its place in that codebook. */
    private static final class Layout {
        final Channels ch;
        final int n;

        Layout(Clusters c, int[] shape) {
            n = (int) TensorCodec.count(shape);
            ch = c.perChannel() ? Channels.of("cluster", shape, c.axis(), n)
                    : new Channels(1, 1, n);
        }

        int book(int i) {
            return (i / ch.inner()) % ch.count();
        }

        int offset(int i) {
            return (i / (ch.count() * ch.inner())) * ch.inner() + i % ch.inner();
        }
    }
}
