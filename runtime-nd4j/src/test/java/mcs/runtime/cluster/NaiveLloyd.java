package mcs.runtime.cluster;

import java.util.Arrays;

/**
 * An independent reference: textbook Lloyd's algorithm in O(nk) per iteration, nearest centroid
 * by distance (ties to the lower index), empty clusters keep their centroid.
 */
final class NaiveLloyd {

    final double[] centroids;
    final int[] counts;
    final int iterations;

    private NaiveLloyd(double[] centroids, int[] counts, int iterations) {
        this.centroids = centroids;
        this.counts = counts;
        this.iterations = iterations;
    }

    static NaiveLloyd run(float[] x, float[] init, int maxIterations) {
        double[] c = new double[init.length];
        for (int j = 0; j < c.length; j++) {
            c[j] = init[j];
        }
        Arrays.sort(c);
        int[] a = assign(x, c);
        int it = 0;
        while (it < maxIterations) {
            it++;
            double[] sum = new double[c.length];
            int[] n = new int[c.length];
            for (int i = 0; i < x.length; i++) {
                sum[a[i]] += x[i];
                n[a[i]]++;
            }
            for (int j = 0; j < c.length; j++) {
                if (n[j] > 0) {
                    c[j] = sum[j] / n[j];
                }
            }
            int[] b = assign(x, c);
            boolean same = Arrays.equals(a, b);
            a = b;
            if (same) {
                break;
            }
        }
        int[] counts = new int[c.length];
        for (int j : a) {
            counts[j]++;
        }
        return new NaiveLloyd(c, counts, it);
    }

    static int[] assign(float[] x, double[] c) {
        int[] a = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = nearest(x[i], c);
        }
        return a;
    }

    static int nearest(double x, double[] c) {
        int best = 0;
        double bestD = Math.abs(x - c[0]);
        for (int j = 1; j < c.length; j++) {
            double d = Math.abs(x - c[j]);
            if (d < bestD) {
                best = j;
                bestD = d;
            }
        }
        return best;
    }

    /** The weights replaced by their nearest float centroid among the non-empty clusters. */
    float[] reconstruct(float[] x) {
        int kept = 0;
        for (int n : counts) {
            kept += n > 0 ? 1 : 0;
        }
        double[] c = new double[kept];
        int m = 0;
        for (int j = 0; j < centroids.length; j++) {
            if (counts[j] > 0) {
                c[m++] = (float) centroids[j];
            }
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) c[nearest(x[i], c)];
        }
        return out;
    }
}
