package mcs.runtime.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** An optimizer step over the flat parameter and gradient arrays, state held alongside. */
final class UpdateRule {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    private static final float MOMENTUM = 0.9f;

    private final Optimizer kind;
    private final float lr;
    // the arrays own the native memory the buffers point into: keep them reachable
    private final INDArray mArray;
    private final INDArray vArray;
    private final FloatBuffer m;
    private final FloatBuffer v;
    private final int n;
    private long t;

    UpdateRule(Optimizer kind, double lr, int n) {
        this.kind = kind;
        this.lr = (float) lr;
        this.n = n;
        this.mArray = Nd4j.zeros(DataType.FLOAT, Math.max(n, 1));
        this.vArray = kind == Optimizer.ADAM ? Nd4j.zeros(DataType.FLOAT, Math.max(n, 1)) : null;
        this.m = mArray.data().asNioFloat();
        this.v = vArray == null ? null : vArray.data().asNioFloat();
    }

    /**
     * One optimizer step. On one thread: split over both cores it was slower in training,
     * where the BLAS worker thread still holds the second core after the last product.
     */
    void step(FloatBuffer p, FloatBuffer g) {
        t++;
        if (kind == Optimizer.SGD) {
            for (int i = 0; i < n; i++) {
                float mi = flush(MOMENTUM * m.get(i) + g.get(i));
                m.put(i, mi);
                p.put(i, p.get(i) - lr * mi);
            }
            return;
        }
        double bc1 = 1 - Math.pow(BETA1, t), bc2 = 1 - Math.pow(BETA2, t);
        adam(p, g, (float) (lr * Math.sqrt(bc2) / bc1), (float) (EPSILON * Math.sqrt(bc2)));
    }

    /**
     * Subnormal moments become 0. A weight whose gradient stays 0 (one fed by an always-blank
     * pixel) has its first moment shrink by 0.9 a step into the subnormal range, where every
     * operation on it costs about a hundred times more: in LeNet-300's first epochs tens of
     * thousands of them made the update six times slower. What is lost is below 1.2e-38.
     */
    private static float flush(float x) {
        return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
    }

    private void adam(FloatBuffer p, FloatBuffer g, float at, float epsHat) {
        float b1 = (float) BETA1, b2 = (float) BETA2, c1 = 1f - b1, c2 = 1f - b2;
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = flush(b1 * m.get(i) + c1 * gi);
            float vi = flush(b2 * v.get(i) + c2 * gi * gi);
            m.put(i, mi);
            v.put(i, vi);
            p.put(i, p.get(i) - at * mi / ((float) Math.sqrt(vi) + epsHat));
        }
    }
}
