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
    /** Moments below this are 0 (see {@link #flush}). */
    private static final int TINY_BITS = Float.floatToRawIntBits(1e-30f);
    private static final int MIN_NORMAL_BITS = Float.floatToRawIntBits(Float.MIN_NORMAL);

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
     * Tiny moments become 0. A weight whose gradient stays 0 (one fed by an always-blank pixel,
     * or pruned) has its first moment shrink by 0.9 a step; once it, or the step computed from
     * it, is subnormal, every operation on it costs about a hundred times more: tens of
     * thousands of such weights made the update six times slower in LeNet-300's first epochs,
     * and during a pruning schedule, which keeps zeroing new weights, twice as slow. A first
     * moment below 1e-30 moves no weight (its step, lr * m / (sqrt(v) + eps) with eps = 1e-8,
     * is below 1e-22 for lr <= 1, under the resolution of any weight above 1e-15).
     */
    private static float flush(float x) {
        return below(x, TINY_BITS);
    }

    /**
     * {@code x}, or 0 when {@code |x|} is below the positive float whose bits are
     * {@code limitBits}: without a branch, as pruned and live weights lie mixed at random and
     * a branch on "is this moment tiny" is mispredicted half the time. Non-negative floats
     * order as their bits do; the sign of the difference makes the mask.
     */
    private static float below(float x, int limitBits) {
        int bits = Float.floatToRawIntBits(x);
        int tiny = ((bits & 0x7fffffff) - limitBits) >> 31; // all ones when |x| < limit
        return Float.intBitsToFloat(bits & ~tiny);
    }

    private void adam(FloatBuffer p, FloatBuffer g, float at, float epsHat) {
        float b1 = (float) BETA1, b2 = (float) BETA2, c1 = 1f - b1, c2 = 1f - b2;
        for (int i = 0; i < n; i++) {
            float gi = g.get(i);
            float mi = flush(b1 * m.get(i) + c1 * gi);
            // under a square root: only subnormals go
            float vi = below(b2 * v.get(i) + c2 * gi * gi, MIN_NORMAL_BITS);
            m.put(i, mi);
            v.put(i, vi);
            p.put(i, p.get(i) - at * mi / ((float) Math.sqrt(vi) + epsHat));
        }
    }
}
