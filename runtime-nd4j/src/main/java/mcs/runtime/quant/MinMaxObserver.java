package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/** The range is the smallest and the largest value observed (ONNX Runtime's MinMax). */
public final class MinMaxObserver implements Observer {

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long count;

    @Override
    public void observe(float[] batch, int from, int len) {
        float bmin = min, bmax = max;
        for (int i = from; i < from + len; i++) {
            float x = batch[i];
            if (!Float.isFinite(x)) {
                throw new InvalidInputException("calibration: value " + (i - from)
                        + " of the batch is " + x);
            }
            bmin = Math.min(bmin, x);
            bmax = Math.max(bmax, x);
        }
        min = bmin;
        max = bmax;
        count += len;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public float[] range() {
        if (count == 0) {
            throw new InvalidInputException("calibration: no values were observed");
        }
        return new float[] {min, max};
    }
}
