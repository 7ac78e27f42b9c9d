package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import mcs.runtime.model.PruningPlan;

/**
 * Per-tensor magnitude pruning: keeps the {@code max(round(n (1 - s)), 1)} weights of largest
 * magnitude (rounding half to even, as tf.round does); among equal magnitudes at the threshold
 * the earlier positions are kept, so the count is exact and the result deterministic.
 */
public final class MagnitudePruner {

    private MagnitudePruner() {
    }

    /** How many of {@code n} weights stay at sparsity {@code s}. */
    public static int keptCount(int n, double sparsity) {
        return (int) Math.max(Math.rint(n * (1 - sparsity)), 1);
    }

    /** The mask ({@code true} = kept) for {@code weights} at {@code sparsity}. */
    public static boolean[] mask(float[] weights, double sparsity) {
        int n = weights.length;
        boolean[] mask = new boolean[n];
        if (n == 0) {
            return mask;
        }
        int keep = Math.min(keptCount(n, sparsity), n);
        float[] mags = new float[n];
        for (int i = 0; i < n; i++) {
            mags[i] = Math.abs(weights[i]);
        }
        float[] sorted = mags.clone();
        Arrays.sort(sorted);
        float threshold = sorted[n - keep];
        int strictlyAbove = n - upperBound(sorted, threshold);
        int tiesToKeep = keep - strictlyAbove;
        for (int i = 0; i < n; i++) {
            if (mags[i] > threshold) {
                mask[i] = true;
            } else if (mags[i] == threshold && tiesToKeep > 0) {
                mask[i] = true;
                tiesToKeep--;
            }
        }
        return mask;
    }

    /**
     * Masks for several tensors at {@code sparsity}: per tensor ({@code LAYER}), or with one
     * threshold over their union ({@code GLOBAL}: the top {@code max(round(N (1 - s)), 1)} of
     * all {@code N} weights, ties kept in the order of the map, then of positions).
     */
    public static Map<String, boolean[]> masks(Map<String, float[]> weights, double sparsity,
                                               PruningPlan.Scope scope) {
        Map<String, boolean[]> out = new LinkedHashMap<>();
        if (scope == PruningPlan.Scope.LAYER) {
            weights.forEach((name, w) -> out.put(name, mask(w, sparsity)));
            return out;
        }
        boolean[][] union = GlobalMagnitude.masks(new ArrayList<>(weights.values()), sparsity);
        int t = 0;
        for (String name : weights.keySet()) {
            out.put(name, union[t++]);
        }
        return out;
    }

    /** Index of the first element greater than {@code v} in a sorted array. */
    private static int upperBound(float[] sorted, float v) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
