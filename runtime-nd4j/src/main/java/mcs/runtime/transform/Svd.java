package mcs.runtime.transform;

import mcs.runtime.Cancellation;

/**
 * The thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix,
 * {@code k = min(m, n)}, computed in plain Java double arithmetic: the eigenvectors of the
 * smaller Gram matrix ({@code A^T A} or {@code A A^T}, by {@link SymmetricEigen}) give one side
 * and {@code A} times them, divided by the singular values, the other. No BLAS or LAPACK is
 * involved, so a layer factorises to the same bits, and {@code energy=} picks the same rank, on
 * every CPU. Squaring the matrix costs accuracy only in singular values below about
 * {@code 1e-8} of the largest, far below what a truncation keeps. Singular values in
 * decreasing order.
 *
 * @param u  {@code m x k}, row-major, orthonormal columns
 * @param s  the {@code k} singular values, largest first
 * @param vt {@code k x n}, row-major, orthonormal rows
 */
record Svd(int m, int n, double[] u, double[] s, double[] vt) {

    int k() {
        return s.length;
    }

    /** The SVD of {@code a} ({@code m x n}, row-major). */
    static Svd of(float[] a, int m, int n) {
        return of(a, m, n, Cancellation.NEVER);
    }

    /**
     * Like {@link #of(float[], int, int)}, asking {@code cancel} every row or step (a
     * 2048 x 2048 kernel took over a minute that no interrupt could stop).
     */
    static Svd of(float[] a, int m, int n, Cancellation cancel) {
        double[] values = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            values[i] = a[i];
        }
        if (m >= n) {
            Sides sides = decompose(values, m, n, cancel);
            return new Svd(m, n, sides.other(), sides.s(), transpose(sides.eigen(), n, n));
        }
        Sides sides = decompose(transpose(values, m, n), n, m, cancel);
        return new Svd(m, n, sides.eigen(), sides.s(), transpose(sides.other(), n, m));
    }

    /**
     * For {@code b} ({@code rows x cols}, {@code rows >= cols}): the eigenvectors {@code V} of
     * {@code b^T b} ({@code cols x cols}), the singular values and {@code b V / s}
     * ({@code rows x cols}).
     */
    private record Sides(double[] eigen, double[] s, double[] other) { }

    private static Sides decompose(double[] b, int rows, int cols, Cancellation cancel) {
        SymmetricEigen eig = SymmetricEigen.of(gram(b, rows, cols, cancel), cols, cancel);
        double[] v = eig.vectors();
        double[] s = new double[cols];
        for (int j = 0; j < cols; j++) {
            s[j] = Math.sqrt(Math.max(eig.values()[j], 0));
        }
        double[] other = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            cancel.check();
            for (int i = 0; i < cols; i++) {
                double x = b[r * cols + i];
                for (int j = 0; j < cols; j++) {
                    other[r * cols + j] += x * v[i * cols + j];
                }
            }
        }
        double tiny = s[0] * 1e-12;
        for (int j = 0; j < cols; j++) {
            if (s[j] > tiny && s[j] > 0) {
                for (int r = 0; r < rows; r++) {
                    other[r * cols + j] /= s[j];
                }
            } else {
                s[j] = 0;
                completeColumn(other, rows, cols, j);
            }
        }
        return new Sides(v, s, other);
    }

    /** {@code b^T b} for {@code b} ({@code rows x cols}, row-major), in double. */
    private static double[] gram(double[] b, int rows, int cols, Cancellation cancel) {
        double[] g = new double[cols * cols];
        for (int r = 0; r < rows; r++) {
            cancel.check();
            int row = r * cols;
            for (int i = 0; i < cols; i++) {
                double x = b[row + i];
                for (int j = i; j < cols; j++) {
                    g[i * cols + j] += x * b[row + j];
                }
            }
        }
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                g[i * cols + j] = g[j * cols + i];
            }
        }
        return g;
    }

    /**
     * Column {@code j} of a zero singular value: a unit vector orthogonal to columns
     * {@code 0..j-1}, the first of the coordinate axes that Gram-Schmidt does not cancel.
     */
    private static void completeColumn(double[] u, int rows, int cols, int j) {
        for (int axis = 0; axis < rows; axis++) {
            double[] c = new double[rows];
            c[axis] = 1;
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += u[r * cols + p] * c[r];
                }
                for (int r = 0; r < rows; r++) {
                    c[r] -= dot * u[r * cols + p];
                }
            }
            double norm = 0;
            for (double x : c) {
                norm += x * x;
            }
            if (norm > 0.25) {
                norm = Math.sqrt(norm);
                for (int r = 0; r < rows; r++) {
                    u[r * cols + j] = c[r] / norm;
                }
                return;
            }
        }
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }


    /**
     * The smallest rank whose singular values keep at least {@code energy} of the sum of
     * squared singular values (at least 1).
     */
    static int rankForEnergy(double[] s, double energy) {
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        double kept = 0;
        for (int r = 0; r < s.length; r++) {
            kept += s[r] * s[r];
            if (kept >= energy * total * (1 - 1e-12)) {
                return r + 1;
            }
        }
        return Math.max(1, s.length);
    }
}
