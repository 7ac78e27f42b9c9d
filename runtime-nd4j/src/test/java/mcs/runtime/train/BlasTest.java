package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Products through OpenBLAS on views inside one flat array, as the parameter store holds them. */
class BlasTest {

    @Test
    void productsOfViewsWithAndWithoutTransposesMatchTheDefinition() {
        int m = 5, k = 7, n = 3;
        INDArray flat = Nd4j.create(DataType.FLOAT, 200);
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            flat.putScalar(i, r.nextGaussian());
        }
        INDArray a = flat.get(NDArrayIndex.interval(13, 13 + m * k)).reshape('c', m, k);
        INDArray b = flat.get(NDArrayIndex.interval(101, 101 + k * n)).reshape('c', k, n);
        float[][] av = a.toFloatMatrix(), bv = b.toFloatMatrix();

        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Blas.gemm(Blas.Matrix.of(a, m, k), false, Blas.Matrix.of(b, k, n), false,
                Blas.Matrix.of(c, m, n));
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float e = 0;
                for (int t = 0; t < k; t++) {
                    e += av[i][t] * bv[t][j];
                }
                assertThat(c.getFloat(i, j)).isCloseTo(e, offset(1e-5f));
            }
        }

        // a^T c (k x n) and c b^T (m x k), as a dense layer's backward computes them
        INDArray atc = Nd4j.create(DataType.FLOAT, k, n);
        Blas.gemm(Blas.Matrix.of(a, m, k), true, Blas.Matrix.of(c, m, n), false,
                Blas.Matrix.of(atc, k, n));
        assertThat(atc.sub(a.transpose().mmul(c)).amaxNumber().floatValue()).isLessThan(1e-4f);
        INDArray cbt = Nd4j.create(DataType.FLOAT, m, k);
        Blas.gemm(Blas.Matrix.of(c, m, n), false, Blas.Matrix.of(b, k, n), true,
                Blas.Matrix.of(cbt, m, k));
        assertThat(cbt.sub(c.mmul(b.transpose())).amaxNumber().floatValue()).isLessThan(1e-4f);
    }

    @Test
    void mismatchedShapesAreRefusedBeforeCallingTheLibrary() {
        INDArray a = Nd4j.create(DataType.FLOAT, 2, 3);
        assertThatThrownBy(() -> Blas.gemm(Blas.Matrix.of(a, 2, 3), false,
                Blas.Matrix.of(a, 2, 3), false, Blas.Matrix.of(a, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Blas.Matrix.of(a, 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
