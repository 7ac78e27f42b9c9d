package mcs.runtime.cluster;

import java.util.Objects;
import java.util.SplittableRandom;
import mcs.runtime.InvalidInputException;
import mcs.runtime.quant.Channels;

/**
 * Weight clustering (weight sharing) as tfmot's {@code cluster_weights} and Deep Compression do
 * it: centroids placed by a {@link CentroidInit}, refined by exact one-dimensional k-means
 * ({@link KMeans1D}), and every weight replaced by its nearest centroid.
 *
 * <p><b>How k is counted.</b> {@code k} is the most centroids the codebook may hold, so a
 * 16-cluster tensor always fits 4-bit indices. Without sparsity preservation all weights,
 * zeros included, go into at most k clusters. With sparsity preservation (tfmot's
 * sparsity-preserving clustering) exact zeros (0.0 and -0.0) are kept out of k-means and get a
 * reserved centroid that is exactly 0 and counts as one of the k, as in tfmot: the non-zero
 * weights share at most k-1 centroids, split between the negative and the positive weights in
 * proportion to their numbers ({@code round(half-even)((k-1) * negatives / nonZeros)} negative,
 * the rest positive) and each side initialised on its own interval. A tensor without zeros
 * needs no reserved centroid and its non-zero weights get all k. Non-zero weights are never
 * assigned to the zero centroid, so zeros stay zero and nothing else becomes zero.
 *
 * <p>Empty clusters are dropped, so data with fewer distinct values than k gives fewer
 * centroids. The result depends only on the inputs and the seed.
 */
public final class Clustering {

    /** The fewest clusters allowed. */
    public static final int MIN_CLUSTERS = 2;
    /** The most clusters allowed (16-bit indices). */
    public static final int MAX_CLUSTERS = Codebook.MAX_CENTROIDS;

    private Clustering() {
    }

    /** Clusters one tensor into a codebook of at most {@code k} centroids. */
    public static Codebook cluster(float[] weights, int k, CentroidInit init,
            boolean preserveSparsity, long seed) {
        checkK(k);
        Objects.requireNonNull(init, "init");
        checkFinite("cluster", weights);
        return clusterChecked(weights, k, init, preserveSparsity, seed);
    }

    /**
     * Clusters each slice along {@code axis} on its own: one codebook per output channel (axis
     * 0 for conv kernels {@code [out, in, kh, kw]}, axis 1 for dense kernels {@code [in, out]}).
     * Codebook c holds the weights of channel c in row-major order of the remaining axes.
     * Channel c is clustered with a seed derived from {@code seed} and c.
     */
    public static Codebook[] clusterPerChannel(float[] weights, int[] shape, int axis, int k,
            CentroidInit init, boolean preserveSparsity, long seed) {
        checkK(k);
        Objects.requireNonNull(init, "init");
        Channels ch = Channels.of("cluster", shape, axis, weights.length);
        checkFinite("cluster", weights);
        Codebook[] books = new Codebook[ch.count()];
        for (int c = 0; c < books.length; c++) {
            books[c] = clusterChecked(ch.gather(weights, c), k, init, preserveSparsity,
                    channelSeed(seed, c));
        }
        return books;
    }

    /** The weights that per-channel codebooks stand for, laid out as {@code shape}. */
    public static float[] reconstructPerChannel(Codebook[] books, int[] shape, int axis) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        Channels ch = Channels.of("cluster", shape, axis, n);
        if (books.length != ch.count()) {
            throw new IllegalArgumentException("expected " + ch.count() + " codebooks, got "
                    + books.length);
        }
        float[] out = new float[n];
        for (int c = 0; c < books.length; c++) {
            if (books[c].length() != ch.channelLength()) {
                throw new IllegalArgumentException("codebook " + c + " has " + books[c].length()
                        + " weights, expected " + ch.channelLength());
            }
            ch.scatter(books[c].reconstruct(), out, c);
        }
        return out;
    }

    /**
     * The gradient of the loss with respect to each centroid, given the gradient with respect
     * to each (reconstructed) weight: the sum over the weights that share the centroid, as in
     * tfmot's cluster-aware training and Deep Compression. The reserved zero centroid gets 0 so
     * that training never moves it.
     */
    public static float[] gradientsPerCentroid(float[] grads, Codebook cb) {
        if (grads.length != cb.length()) {
            throw new IllegalArgumentException("expected " + cb.length() + " gradients, got "
                    + grads.length);
        }
        double[] sums = new double[cb.size()];
        for (int i = 0; i < grads.length; i++) {
            sums[cb.index(i)] += grads[i];
        }
        float[] out = new float[sums.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = j == cb.zeroIndex() ? 0f : (float) sums[j];
        }
        return out;
    }

    private static Codebook clusterChecked(float[] w, int k, CentroidInit init,
            boolean preserveSparsity, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (preserveSparsity) {
            return clusterKeepingZeros(w, k, init, rng);
        }
        if (w.length == 0) {
            return Encoder.encode(w, new float[0], false);
        }
        SortedValues v = SortedValues.of(w, 0, w.length);
        double[] start = init.place(v, 0, v.size(), k, rng);
        return Encoder.encode(w, nonEmpty(KMeans1D.of(v).fit(start, iterations())), false);
    }

    /** k-means on the non-zero weights only, initialised per sign as tfmot does. */
    private static Codebook clusterKeepingZeros(float[] w, int k, CentroidInit init,
            SplittableRandom rng) {
        int zeros = 0;
        for (float x : w) {
            zeros += x == 0f ? 1 : 0;
        }
        float[] nonZero = new float[w.length - zeros];
        int m = 0;
        for (float x : w) {
            if (x != 0f) {
                nonZero[m++] = x;
            }
        }
        if (m == 0) {
            return Encoder.encode(w, new float[0], zeros > 0);
        }
        SortedValues v = SortedValues.sortInPlace(nonZero);
        int kNonZero = zeros > 0 ? k - 1 : k;
        int negatives = v.lowerBound(0, 0, m);
        int kNeg = (int) Math.rint(kNonZero * (double) negatives / m);
        int kPos = kNonZero - kNeg;
        double[] neg = kNeg > 0 ? init.place(v, 0, negatives, kNeg, rng) : new double[0];
        double[] pos = kPos > 0 ? init.place(v, negatives, m, kPos, rng) : new double[0];
        double[] start = new double[neg.length + pos.length];
        System.arraycopy(neg, 0, start, 0, neg.length);
        System.arraycopy(pos, 0, start, neg.length, pos.length);
        float[] centroids = nonEmpty(KMeans1D.of(v).fit(start, iterations()));
        return Encoder.encode(w, centroids, zeros > 0);
    }

    private static int iterations() {
        return KMeans1D.DEFAULT_MAX_ITERATIONS;
    }

    private static float[] nonEmpty(KMeans1D.Result r) {
        float[] c = r.centroids();
        int[] counts = r.counts();
        float[] out = new float[r.effectiveClusters()];
        int m = 0;
        for (int j = 0; j < c.length; j++) {
            if (counts[j] > 0) {
                out[m++] = c[j];
            }
        }
        return out;
    }

    static long channelSeed(long seed, int channel) {
        return seed + 0x9E3779B97F4A7C15L * (channel + 1L);
    }

    static void checkK(int k) {
        if (k < MIN_CLUSTERS) {
            throw new InvalidInputException("cluster: k must be at least " + MIN_CLUSTERS
                    + ", got " + k);
        }
        if (k > MAX_CLUSTERS) {
            throw new InvalidInputException("cluster: k must be at most " + MAX_CLUSTERS
                    + ", got " + k);
        }
    }

    static void checkFinite(String op, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(op + ": weight " + i + " is " + values[i]
                        + "; only finite values can be clustered");
            }
        }
    }
}
