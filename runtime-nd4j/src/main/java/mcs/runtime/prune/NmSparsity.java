package mcs.runtime.prune;

import mcs.runtime.InvalidInputException;

/**
 * N:M semi-structured sparsity (2:4 as on NVIDIA's sparse tensor cores): in every group of
 * {@code m} consecutive weights along a kernel's input dimension (the rows of a Dense kernel
 * {@code [in, out]}, the input channels of a Conv2D kernel {@code [out, in, k, k]}), the
 * {@code n} of largest magnitude stay; among equal magnitudes the earlier ones.
 */
public record NmSparsity(int n, int m) {

    public NmSparsity {
        if (m < 2 || n < 1 || n >= m) {
            throw new InvalidInputException("nm must be [N, M] with 1 <= N < M and M >= 2, got ["
                    + n + ", " + m + "]");
        }
    }

    /** The sparsity every fitting kernel gets: {@code 1 - n/m}. */
    public double sparsity() {
        return 1 - (double) n / m;
    }

    /** The input dimension of a Dense ({@code [in, out]}) or Conv2D kernel. */
    public static int inputAxis(int[] shape) {
        return shape.length == 2 ? 0 : 1;
    }

    /** Whether the kernel's input dimension splits into groups of {@code m}. */
    public boolean fits(int[] shape) {
        return shape[inputAxis(shape)] % m == 0;
    }

    /** The mask ({@code true} = kept) of a kernel whose input dimension is a multiple of m. */
    public boolean[] mask(float[] weights, int[] shape) {
        int axis = inputAxis(shape);
        int dim = shape[axis];
        if (dim % m != 0) {
            throw new IllegalArgumentException("input dimension " + dim + " is not a multiple of "
                    + m);
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = weights.length / (dim * inner);
        boolean[] mask = new boolean[weights.length];
        int[] group = new int[m];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                for (int g = 0; g < dim; g += m) {
                    for (int t = 0; t < m; t++) {
                        group[t] = (o * dim + g + t) * inner + in;
                    }
                    keepLargest(weights, group, mask);
                }
            }
        }
        return mask;
    }

    /** Marks the n largest magnitudes among the group's positions (earlier first on ties). */
    private void keepLargest(float[] w, int[] group, boolean[] mask) {
        for (int k = 0; k < n; k++) {
            int best = -1;
            for (int idx : group) {
                if (!mask[idx] && (best < 0 || Math.abs(w[idx]) > Math.abs(w[best]))) {
                    best = idx;
                }
            }
            mask[best] = true;
        }
    }
}
