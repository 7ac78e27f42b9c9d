package mcs.runtime.transform;

import mcs.runtime.Engine;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thin singular value decomposition {@code A = U diag(s) V^T} of an {@code m x n} matrix,
 * {@code k = min(m, n)}, computed in double precision by LAPACK's gesvd (through ND4J's CPU
 * backend); singular values in decreasing order.
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
        Engine.init();
        int k = Math.min(m, n);
        double[] values = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            values[i] = a[i];
        }
        INDArray mat = Nd4j.create(values, new long[] {m, n}, 'c').dup('f');
        INDArray s = Nd4j.create(DataType.DOUBLE, new long[] {k}, 'f');
        INDArray u = Nd4j.create(DataType.DOUBLE, new long[] {m, m}, 'f');
        INDArray vt = Nd4j.create(DataType.DOUBLE, new long[] {n, n}, 'f');
        Nd4j.getBlasWrapper().lapack().gesvd(mat, s, u, vt);
        double[] uc = u.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k)).dup('c').data().asDouble();
        double[] vtc = vt.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c').data().asDouble();
        return new Svd(m, n, uc, s.dup().data().asDouble(), vtc);
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
