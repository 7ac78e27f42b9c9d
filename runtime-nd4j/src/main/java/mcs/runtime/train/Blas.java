package mcs.runtime.train;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Matrix products straight through OpenBLAS's {@code cblas_sgemm} (the BLAS ND4J's CPU backend
 * ships), for the products of dense layers: ND4J's {@code gemm} adds 10 to 80 microseconds of
 * checks and dispatch to every call, which is most of the time of a small layer (LeNet-300's
 * last layer at batch 128: 42 vs 3 microseconds; a batch-1 dense layer of 800x500: 100 vs 21).
 */
final class Blas {

    private Blas() {
    }

    /** A row-major matrix in native memory: its first element and its shape. */
    record Matrix(FloatPointer at, int rows, int cols) {

        /** {@code a} (row-major, contiguous, possibly a view) seen as {@code rows x cols}. */
        static Matrix of(INDArray a, int rows, int cols) {
            if (a.ordering() != 'c' || a.length() != (long) rows * cols
                    || a.data().dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
                throw new IllegalArgumentException("not a contiguous float matrix of "
                        + rows + "x" + cols + ": " + a.shapeInfoToString());
            }
            // a view's buffer already starts at the view's first element
            FloatPointer p = new FloatPointer(a.data().addressPointer());
            return new Matrix(p.position(p.position() + a.offset() - a.data().offset()), rows,
                    cols);
        }
    }

    /** {@code c = op(a) op(b)}, {@code op} transposing where asked. */
    static void gemm(Matrix a, boolean transA, Matrix b, boolean transB, Matrix c) {
        int m = transA ? a.cols() : a.rows(), k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        if ((transB ? b.cols() : b.rows()) != k || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes: " + m + "x" + k + " by "
                    + (transB ? b.cols() : b.rows()) + "x" + n + " into " + c.rows() + "x"
                    + c.cols());
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, a.at(), a.cols(), b.at(),
                b.cols(), 0f, c.at(), c.cols());
    }
}
