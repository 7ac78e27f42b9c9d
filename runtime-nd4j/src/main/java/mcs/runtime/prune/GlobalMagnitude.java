package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mcs.runtime.InvalidInputException;

/**
 * Global magnitude pruning: one threshold over many tensors, keeping the
 * {@code max(round(N (1 - s)), 1)} weights of largest magnitude among all {@code N} (as
 * {@link MagnitudePruner} does for one tensor; among equal magnitudes at the threshold the
 * earlier tensors and positions are kept).
 *
 * <p>The threshold is found by a radix select on the bit patterns of {@code |w|} (for
 * non-negative floats the order of the bits as integers is the order of the values): one
 * histogram of the top 11 bits over all weights, then the weights of the one bucket that holds
 * the threshold are gathered and selected on the remaining 20 bits. Work is split in chunks
 * over the common fork-join pool. On 25.5 M weights this is three passes over memory instead
 * of a sort.
 */
public final class GlobalMagnitude {

    private static final int CHUNK = 1 << 18;
    private static final int TOP_SHIFT = 20;
    private static final int TOP_BUCKETS = 1 << 11;
    private static final int NON_FINITE = 0x7f800000 >>> TOP_SHIFT;

    private GlobalMagnitude() {
    }

    /** The chosen threshold: the smallest kept magnitude, and how many lie strictly above it. */
    public record Threshold(float magnitude, long above, long keep) { }

    private record Chunk(int tensor, int from, int to) { }

    /** One mask per tensor ({@code true} = kept) for global magnitude pruning at {@code s}. */
    public static boolean[][] masks(List<float[]> tensors, double sparsity) {
        List<Chunk> chunks = chunks(tensors);
        boolean[][] masks = new boolean[tensors.size()][];
        for (int t = 0; t < masks.length; t++) {
            masks[t] = new boolean[tensors.get(t).length];
        }
        long n = total(tensors);
        if (n == 0) {
            return masks;
        }
        Selection sel = select(tensors, chunks, keptCount(n, sparsity));
        int key = Float.floatToRawIntBits(sel.threshold.magnitude());
        long ties = sel.threshold.keep() - sel.threshold.above();
        IntStream.range(0, chunks.size()).parallel().forEach(c -> {
            Chunk ch = chunks.get(c);
            float[] w = tensors.get(ch.tensor());
            boolean[] m = masks[ch.tensor()];
            for (int i = ch.from(); i < ch.to(); i++) {
                m[i] = (Float.floatToRawIntBits(w[i]) & 0x7fffffff) > key; // no branch
            }
            long tie = sel.tiesBefore[c], end = c + 1 < chunks.size() ? sel.tiesBefore[c + 1]
                    : sel.tiesTotal;
            for (int i = ch.from(); i < ch.to() && tie < end && tie < ties; i++) {
                if ((Float.floatToRawIntBits(w[i]) & 0x7fffffff) == key) {
                    m[i] = true;
                    tie++;
                }
            }
        });
        return masks;
    }

    /** The threshold for keeping {@code keep} of the weights (1 <= keep <= their number). */
    public static Threshold threshold(List<float[]> tensors, long keep) {
        long n = total(tensors);
        if (keep < 1 || keep > n) {
            throw new IllegalArgumentException("keep " + keep + " of " + n + " weights");
        }
        return select(tensors, chunks(tensors), keep).threshold;
    }

    /** How many of {@code n} weights stay at sparsity {@code s}: max(round(n (1 - s)), 1). */
    public static long keptCount(long n, double sparsity) {
        return Math.min(n, (long) Math.max(Math.rint(n * (1 - sparsity)), 1));
    }

    private record Selection(Threshold threshold, long[] tiesBefore, long tiesTotal) { }

    private static Selection select(List<float[]> tensors, List<Chunk> chunks, long keep) {
        long n = total(tensors);
        long rank = n - keep; // 0-based, ascending: the smallest kept magnitude
        int[][] hists = new int[chunks.size()][];
        IntStream.range(0, chunks.size()).parallel()
                .forEach(c -> hists[c] = topHistogram(tensors, chunks.get(c)));
        long[] hist = new long[TOP_BUCKETS];
        for (int[] h : hists) {
            for (int b = 0; b < TOP_BUCKETS; b++) {
                hist[b] += h[b];
            }
        }
        long nonFinite = 0;
        for (int b = NON_FINITE; b < TOP_BUCKETS; b++) {
            nonFinite += hist[b];
        }
        if (nonFinite > 0) {
            throw new InvalidInputException("prune: " + nonFinite
                    + " weights are infinite or NaN; only finite weights can be pruned");
        }
        int bucket = 0;
        long below = 0;
        while (below + hist[bucket] <= rank) {
            below += hist[bucket++];
        }
        int[] candidates = gather(tensors, chunks, hists, bucket);
        int key = selectLow(candidates, (int) (rank - below));
        long aboveInBucket = 0;
        for (int k : candidates) {
            aboveInBucket += k > key ? 1 : 0;
        }
        long above = n - below - hist[bucket] + aboveInBucket;
        long[] tiesBefore = new long[chunks.size()];
        int pos = 0;
        long ties = 0;
        for (int c = 0; c < chunks.size(); c++) {
            tiesBefore[c] = ties;
            for (int end = pos + hists[c][bucket]; pos < end; pos++) {
                ties += candidates[pos] == key ? 1 : 0;
            }
        }
        return new Selection(new Threshold(Float.intBitsToFloat(key), above, keep), tiesBefore,
                ties);
    }

    private static int[] topHistogram(List<float[]> tensors, Chunk ch) {
        int[] h = new int[TOP_BUCKETS];
        float[] w = tensors.get(ch.tensor());
        for (int i = ch.from(); i < ch.to(); i++) {
            h[(Float.floatToRawIntBits(w[i]) & 0x7fffffff) >>> TOP_SHIFT]++;
        }
        return h;
    }

    /** The magnitude bits in {@code bucket}, chunk by chunk in order. */
    private static int[] gather(List<float[]> tensors, List<Chunk> chunks, int[][] hists,
                                int bucket) {
        int[] start = new int[chunks.size() + 1];
        for (int c = 0; c < chunks.size(); c++) {
            start[c + 1] = start[c] + hists[c][bucket];
        }
        int[] out = new int[start[chunks.size()]];
        IntStream.range(0, chunks.size()).parallel().forEach(c -> {
            Chunk ch = chunks.get(c);
            float[] w = tensors.get(ch.tensor());
            int o = start[c];
            for (int i = ch.from(); i < ch.to(); i++) {
                int k = Float.floatToRawIntBits(w[i]) & 0x7fffffff;
                if (k >>> TOP_SHIFT == bucket) {
                    out[o++] = k;
                }
            }
        });
        return out;
    }

    /** The {@code rank}-th smallest (0-based) of keys sharing their top bits: two 10-bit rounds. */
    private static int selectLow(int[] keys, int rank) {
        int prefix = keys[0] >>> TOP_SHIFT << TOP_SHIFT;
        for (int shift = 10; shift >= 0; shift -= 10) {
            int[] h = new int[1 << 10];
            int high = shift + 10;
            for (int k : keys) {
                if (k >>> high == prefix >>> high) {
                    h[(k >>> shift) & 1023]++;
                }
            }
            int b = 0;
            while (rank >= h[b]) {
                rank -= h[b++];
            }
            prefix |= b << shift;
        }
        return prefix;
    }

    private static List<Chunk> chunks(List<float[]> tensors) {
        List<Chunk> out = new ArrayList<>();
        for (int t = 0; t < tensors.size(); t++) {
            int n = tensors.get(t).length;
            for (int from = 0; from < n; from += CHUNK) {
                out.add(new Chunk(t, from, Math.min(n, from + CHUNK)));
            }
        }
        return out;
    }

    private static long total(List<float[]> tensors) {
        long n = 0;
        for (float[] w : tensors) {
            n += w.length;
        }
        return n;
    }
}
