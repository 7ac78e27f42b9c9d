package mcs.runtime.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;
import mcs.runtime.InvalidInputException;

/**
 * Exact k-means (Lloyd's algorithm) on one-dimensional data, made fast by sorting once.
 *
 * <p>In one dimension each cluster of a k-means assignment is a contiguous range of the sorted
 * values, bounded by the midpoints between neighbouring centroids. So after an O(n) radix sort
 * and prefix sums, one Lloyd iteration is k-1 binary searches for the boundaries plus k range
 * sums: O(k log n) instead of O(nk). Iterations stop when no boundary moves (the assignment is a
 * fixed point, so the centroids are the exact means of their clusters) or after
 * {@code maxIterations}.
 *
 * <p>Conventions: a value exactly on a midpoint belongs to the lower cluster (the nearest
 * centroid, ties to the lower one). Centroids are kept in ascending order, which Lloyd's update
 * preserves in one dimension. An empty cluster keeps its centroid unchanged (it may win values
 * back as its neighbours move) and is reported with a count of 0; {@link Clustering} drops empty
 * clusters from the codebook, so data with fewer distinct values than k gives fewer clusters.
 * Sums are accumulated in double; centroids are returned rounded to float.
 */
public final class KMeans1D {

    /**
     * The iteration limit used by {@link Clustering}. An iteration costs microseconds for small
     * k, so the limit is far above scikit-learn's 300: k = 16 on 25.5 M gaussian values needs
     * about 400 iterations to reach the exact fixed point.
     */
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    private final SortedValues data;

    private KMeans1D(SortedValues data) {
        this.data = data;
    }

    /** Prepares {@code values} (copied and sorted; not empty, all finite) for clustering. */
    public static KMeans1D of(float[] values) {
        if (values.length == 0) {
            throw new InvalidInputException("k-means: no values to cluster");
        }
        Clustering.checkFinite("k-means", values);
        return new KMeans1D(SortedValues.of(values, 0, values.length));
    }

    static KMeans1D of(SortedValues data) {
        return new KMeans1D(data);
    }

    /** The number of values. */
    public int size() {
        return data.size();
    }

    /**
     * The initial centroids {@code init} places for {@code k} clusters over all the values, in
     * ascending order (k-means++ may give fewer than k on data with few distinct values).
     */
    public float[] initialCentroids(CentroidInit init, int k, long seed) {
        Clustering.checkK(k);
        double[] c = init.place(data, 0, data.size(), k, new SplittableRandom(seed));
        Arrays.sort(c);
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        return f;
    }

    /** Runs Lloyd's iterations from {@code initial} (any order, at least one centroid). */
    public Result fit(float[] initial, int maxIterations) {
        double[] c = new double[initial.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = initial[i];
        }
        return fit(c, maxIterations);
    }

    Result fit(double[] initial, int maxIterations) {
        if (initial.length == 0) {
            throw new IllegalArgumentException("k-means needs at least one initial centroid");
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations < 0: " + maxIterations);
        }
        double[] c = initial.clone();
        Arrays.sort(c);
        int k = c.length;
        int[] bounds = new int[k + 1];
        int[] next = new int[k + 1];
        boundaries(c, bounds);
        int iterations = 0;
        boolean converged = false;
        double[] prefix = new double[k + 1];
        while (iterations < maxIterations && !converged) {
            iterations++;
            for (int j = 0; j <= k; j++) {
                prefix[j] = data.prefixSum(bounds[j]);
            }
            for (int j = 0; j < k; j++) {
                int count = bounds[j + 1] - bounds[j];
                if (count > 0) {
                    c[j] = (prefix[j + 1] - prefix[j]) / count;
                }
            }
            boundaries(c, next);
            converged = Arrays.equals(bounds, next);
            int[] t = bounds;
            bounds = next;
            next = t;
        }
        float[] centroids = new float[k];
        int[] counts = new int[k];
        for (int j = 0; j < k; j++) {
            centroids[j] = (float) c[j];
            counts[j] = bounds[j + 1] - bounds[j];
        }
        return new Result(centroids, counts, iterations, converged);
    }

    /** {@code b[j]} = first sorted position of cluster j: past every value nearer to c[j-1]. */
    private void boundaries(double[] c, int[] b) {
        int n = data.size();
        b[0] = 0;
        b[c.length] = n;
        for (int j = 1; j < c.length; j++) {
            b[j] = data.upperBound(0.5 * (c[j - 1] + c[j]), b[j - 1], n);
        }
    }

    /**
     * The outcome of {@link #fit}: centroids in ascending order, the number of values nearest
     * to each (0 for an empty cluster), the iterations run, and whether the assignment reached a
     * fixed point within the limit.
     */
    public record Result(float[] centroids, int[] counts, int iterations, boolean converged) {

        public Result {
            centroids = centroids.clone();
            counts = counts.clone();
        }

        @Override
        public float[] centroids() {
            return centroids.clone();
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }

        /** The number of non-empty clusters. */
        public int effectiveClusters() {
            int e = 0;
            for (int c : counts) {
                e += c > 0 ? 1 : 0;
            }
            return e;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(centroids, r.centroids)
                    && Arrays.equals(counts, r.counts) && iterations == r.iterations
                    && converged == r.converged;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(centroids) + Arrays.hashCode(counts) + iterations;
        }

        @Override
        public String toString() {
            return "KMeans1D.Result[centroids=" + Arrays.toString(centroids) + ", counts="
                    + Arrays.toString(counts) + ", iterations=" + iterations + ", converged="
                    + converged + "]";
        }
    }
}
