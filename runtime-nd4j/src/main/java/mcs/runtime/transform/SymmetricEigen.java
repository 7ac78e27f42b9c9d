package mcs.runtime.transform;

import mcs.runtime.Cancellation;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix, in plain Java double arithmetic:
 * Householder reduction to tridiagonal form, then implicit QR steps with Wilkinson shifts. Every
 * operation is an IEEE add, multiply, divide or square root in a fixed order, so the result is
 * the same bits on every CPU, whatever BLAS, LAPACK or vector units the machine has.
 *
 * @param values  the {@code n} eigenvalues, largest first
 * @param vectors {@code n x n}, row-major; column {@code j} is the unit eigenvector of
 *                {@code values[j]}
 */
record SymmetricEigen(double[] values, double[] vectors) {

    private static final double EPS = Math.ulp(1.0);

    /** The decomposition of {@code g} ({@code n x n}, row-major, symmetric; not modified). */
    static SymmetricEigen of(double[] g, int n) {
        return of(g, n, Cancellation.NEVER);
    }

    /**
     * Like {@link #of(double[], int)}, asking {@code cancel} after each reflection and each QR
     * step (O(n^2) work each: milliseconds at n = 2048, where the whole takes a minute).
     */
    static SymmetricEigen of(double[] g, int n, Cancellation cancel) {
        double[] t = g.clone();
        double[] q = identity(n);
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        tridiagonalise(t, q, n, d, e, cancel);
        diagonalise(d, e, q, n, cancel);
        return sorted(d, q, n);
    }

    /**
     * Householder reflections {@code H = I - 2 v v^T} zero column {@code k} below the
     * subdiagonal, one column at a time: {@code t <- H t H}, {@code q <- q H}. Leaves the
     * diagonal in {@code d} and the subdiagonal in {@code e}.
     */
    private static void tridiagonalise(double[] t, double[] q, int n, double[] d, double[] e,
                                       Cancellation cancel) {
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k + 2 < n; k++) {
            cancel.check();
            if (!reflector(t, n, k, v)) {
                continue;
            }
            // p = t v (rows from k: above it t is already tridiagonal and v is zero up to k);
            // w = p - (v.p) v; then t <- t - 2 (v w^T + w v^T)
            double vp = 0;
            for (int i = k; i < n; i++) {
                double p = 0;
                for (int j = k + 1; j < n; j++) {
                    p += t[i * n + j] * v[j];
                }
                w[i] = p;
                vp += v[i] * p;
            }
            for (int i = k; i < n; i++) {
                w[i] -= vp * v[i];
            }
            for (int i = k; i < n; i++) {
                for (int j = k; j < n; j++) {
                    t[i * n + j] -= 2 * (v[i] * w[j] + w[i] * v[j]);
                }
            }
            for (int i = 0; i < n; i++) {
                double qv = 0;
                for (int j = k + 1; j < n; j++) {
                    qv += q[i * n + j] * v[j];
                }
                for (int j = k + 1; j < n; j++) {
                    q[i * n + j] -= 2 * qv * v[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = t[i * n + i];
            if (i + 1 < n) {
                e[i] = t[i * n + i + 1];
            }
        }
    }

    /**
     * The unit vector {@code v} (zero up to {@code k}) whose reflection maps column {@code k}
     * below the diagonal onto its first entry; false when those entries are already zero.
     */
    private static boolean reflector(double[] t, int n, int k, double[] v) {
        double scale = 0;
        for (int i = k + 1; i < n; i++) {
            scale = Math.max(scale, Math.abs(t[i * n + k]));
        }
        double tail = 0;
        for (int i = k + 2; i < n; i++) {
            double x = t[i * n + k] / scale;
            tail += x * x;
        }
        if (scale == 0 || tail == 0) {
            return false;
        }
        java.util.Arrays.fill(v, 0, k + 1, 0);
        double x0 = t[(k + 1) * n + k] / scale;
        double norm = Math.sqrt(x0 * x0 + tail);
        v[k + 1] = x0 + (x0 >= 0 ? norm : -norm);
        for (int i = k + 2; i < n; i++) {
            v[i] = t[i * n + k] / scale;
        }
        double length = Math.sqrt(v[k + 1] * v[k + 1] + tail);
        for (int i = k + 1; i < n; i++) {
            v[i] /= length;
        }
        return true;
    }

    /**
     * Implicit symmetric QR on the tridiagonal {@code (d, e)}: deflates converged eigenvalues
     * from the bottom and chases a Wilkinson-shifted bulge down each unreduced block, rotating
     * the columns of {@code q} alike.
     */
    private static void diagonalise(double[] d, double[] e, double[] q, int n,
                                    Cancellation cancel) {
        int hi = n - 1;
        int steps = 0;
        while (hi > 0) {
            cancel.check();
            if (negligible(d, e, hi - 1)) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && !negligible(d, e, lo - 1)) {
                lo--;
            }
            if (++steps > 60 * n) {
                throw new ArithmeticException("symmetric eigenproblem: no convergence after "
                        + steps + " steps");
            }
            qrStep(d, e, q, n, lo, hi);
        }
    }

    private static boolean negligible(double[] d, double[] e, int i) {
        return Math.abs(e[i]) <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1]))
                || Math.abs(e[i]) < Double.MIN_NORMAL;
    }

    private static void qrStep(double[] d, double[] e, double[] q, int n, int lo, int hi) {
        double delta = (d[hi - 1] - d[hi]) / 2;
        double b = e[hi - 1];
        double root = hypot(delta, b);
        double mu = d[hi] - b * b / (delta + (delta >= 0 ? root : -root));
        double x = d[lo] - mu;
        double z = e[lo];
        for (int k = lo; k < hi; k++) {
            double r = hypot(x, z);
            double c = x / r;
            double s = z / r;
            if (k > lo) {
                e[k - 1] = r;
            }
            double dk = d[k], ek = e[k], dk1 = d[k + 1];
            d[k] = c * c * dk + 2 * c * s * ek + s * s * dk1;
            d[k + 1] = s * s * dk - 2 * c * s * ek + c * c * dk1;
            e[k] = c * s * (dk1 - dk) + (c * c - s * s) * ek;
            if (k + 1 < hi) {
                z = s * e[k + 1];
                e[k + 1] = c * e[k + 1];
                x = e[k];
            }
            for (int i = 0; i < n; i++) {
                double a = q[i * n + k], a1 = q[i * n + k + 1];
                q[i * n + k] = c * a + s * a1;
                q[i * n + k + 1] = c * a1 - s * a;
            }
        }
    }

    /** {@code sqrt(a^2 + b^2)} without overflow, from IEEE operations alone. */
    static double hypot(double a, double b) {
        double x = Math.abs(a), y = Math.abs(b);
        double big = Math.max(x, y), small = Math.min(x, y);
        if (big == 0) {
            return 0;
        }
        double ratio = small / big;
        return big * Math.sqrt(1 + ratio * ratio);
    }

    private static SymmetricEigen sorted(double[] d, double[] q, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(d[j], d[i]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int j = 0; j < n; j++) {
            values[j] = d[order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i * n + j] = q[i * n + order[j]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    private static double[] identity(int n) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        return q;
    }
}
