package mcs.runtime.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How the first centroids are placed before k-means refines them, as tfmot's
 * {@code CentroidInitialization}. Each works on the values of one interval (all the weights, or
 * with sparsity preservation the negative and the positive weights separately).
 */
public enum CentroidInit {

    /** Evenly spaced between the minimum and the maximum (tfmot's default); one: the minimum. */
    LINEAR {
        @Override
        double[] place(SortedValues v, int from, int to, int k, SplittableRandom rng) {
            return inRange(v, from, to, k,
                    (min, max, i) -> k == 1 ? min : min + (max - min) * i / (k - 1));
        }
    },

    /** Uniformly random in {@code [min, max)} from the seed. */
    RANDOM {
        @Override
        double[] place(SortedValues v, int from, int to, int k, SplittableRandom rng) {
            return inRange(v, from, to, k, (min, max, i) -> min + (max - min) * rng.nextDouble());
        }
    },

    /**
     * Density-based: the values at probabilities evenly spaced in {@code [0.01, 1]} of the
     * values' cumulative distribution (tfmot's probabilities; exact empirical quantiles of the
     * sorted values instead of tfmot's interpolation on a 30-point grid).
     */
    DENSITY {
        @Override
        double[] place(SortedValues v, int from, int to, int k, SplittableRandom rng) {
            int n = to - from;
            double[] c = new double[k];
            for (int i = 0; i < k; i++) {
                double p = k == 1 ? 0.01 : 0.01 + 0.99 * i / (k - 1);
                int rank = (int) Math.ceil(p * n) - 1; // smallest x with F(x) >= p
                c[i] = v.get(from + Math.max(0, Math.min(n - 1, rank)));
            }
            return c;
        }
    },

    /**
     * k-means++ (Arthur and Vassilvitskii 2007): the first centroid a uniformly drawn value, each
     * next one a value drawn with probability proportional to its squared distance to the
     * nearest centroid so far, all from the seed. Fewer than k centroids come back when the
     * values have fewer than k distinct values. Costs O(k^2 + k log n) on sorted values.
     */
    KMEANS_PLUS_PLUS {
        @Override
        double[] place(SortedValues v, int from, int to, int k, SplittableRandom rng) {
            return new PlusPlus(v, from, to, k).run(rng);
        }
    };

    /**
     * Up to {@code k >= 1} initial centroids for the sorted values at {@code [from, to)}
     * ({@code to > from}), in any order.
     */
    abstract double[] place(SortedValues v, int from, int to, int k, SplittableRandom rng);

    /** Centroid i (in order, from 0) from the minimum and the maximum of the values. */
    @FunctionalInterface
    private interface InRange {
        double centroid(double min, double max, int i);
    }

    /** The k centroids {@code f(min, max, i)} of the sorted values at {@code [from, to)}. */
    private static double[] inRange(SortedValues v, int from, int to, int k, InRange f) {
        double min = v.get(from), max = v.get(to - 1);
        double[] c = new double[k];
        for (int i = 0; i < k; i++) {
            c[i] = f.centroid(min, max, i);
        }
        return c;
    }

    /** k-means++ over the cells (ranges of sorted values nearest to each chosen centroid). */
    private static final class PlusPlus {
        private final SortedValues v;
        private final int from, to;
        private final double[] centroids;
        private final int[] starts; // cell j covers [starts[j], starts[j + 1])
        private final double[] costs;
        private int m;

        PlusPlus(SortedValues v, int from, int to, int k) {
            this.v = v;
            this.from = from;
            this.to = to;
            this.centroids = new double[k];
            this.starts = new int[k + 1];
            this.costs = new double[k];
        }

        double[] run(SplittableRandom rng) {
            insert(v.get(from + rng.nextInt(to - from)));
            while (m < centroids.length) {
                double total = 0;
                for (int j = 0; j < m; j++) {
                    total += costs[j];
                }
                if (!(total > 0)) {
                    break; // every value already sits on a centroid
                }
                insert(v.get(draw(rng.nextDouble() * total)));
            }
            return Arrays.copyOf(centroids, m);
        }

        /** The position of the value where the cumulative cost first exceeds {@code u}. */
        private int draw(double u) {
            int j = 0;
            while (j < m - 1 && u >= costs[j]) {
                u -= costs[j];
                j++;
            }
            int lo = starts[j], hi = starts[j + 1] - 1; // first p with cost(lo..p] > u
            int cellStart = lo;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (v.cost(cellStart, mid + 1, centroids[j]) > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        private void insert(double c) {
            int p = 0;
            while (p < m && centroids[p] < c) {
                p++;
            }
            System.arraycopy(centroids, p, centroids, p + 1, m - p);
            System.arraycopy(costs, p, costs, p + 1, m - p);
            System.arraycopy(starts, p + 1, starts, p + 2, m - p);
            centroids[p] = c;
            m++;
            starts[0] = from;
            starts[m] = to;
            for (int j = Math.max(p, 1); j <= Math.min(p + 1, m - 1); j++) {
                double mid = 0.5 * (centroids[j - 1] + centroids[j]);
                starts[j] = v.upperBound(mid, from, to);
            }
            for (int j = Math.max(p - 1, 0); j <= Math.min(p + 1, m - 1); j++) {
                costs[j] = v.cost(starts[j], starts[j + 1], centroids[j]);
            }
        }
    }
}
