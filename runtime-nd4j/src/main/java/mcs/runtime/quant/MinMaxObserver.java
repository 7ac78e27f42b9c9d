package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/** The range is the smallest and the largest value observed (ONNX Runtime's MinMax). */
public final class MinMaxObserver implements Observer {

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long count;

    @Override
    public void observe(float[] batch, int from, int len) {
        float[] r = batchRange(batch, from, len);
        min = Math.min(min, r[0]);
        max = Math.max(max, r[1]);
        count += len;
    }

    /**
     * {@code [min, max]} of {@code batch[from, from + len)} ({@code [+inf, -inf]} if empty);
     * fails if a value is not finite.
     */
    static float[] batchRange(float[] batch, int from, int len) {
        float bmin = Float.POSITIVE_INFINITY, bmax = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + len; i++) {
            float x = batch[i];
            if (!Float.isFinite(x)) {
                throw new InvalidInputException("calibration: value " + (i - from)
                        + " of the batch is " + x);
            }
            bmin = Math.min(bmin, x);
            bmax = Math.max(bmax, x);
        }
        return new float[] {bmin, bmax};
    }

    /** Fails if no value was observed ({@code total} is 0). */
    static void checkObserved(long total) {
        if (total == 0) {
            throw new InvalidInputException("calibration: no values were observed");
        }
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public float[] range() {
        checkObserved(count);
        return new float[] {min, max};
    }
}
