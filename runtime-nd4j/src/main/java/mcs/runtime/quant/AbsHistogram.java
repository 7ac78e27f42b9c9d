package mcs.runtime.quant;

import java.util.Arrays;

/**
 * A histogram of |x| over {@code [0, bins * width)}, filled batch by batch, as NVIDIA's
 * pytorch-quantization {@code HistogramCalibrator} collects it: the first batch with a non-zero
 * value fixes {@code width = max|x| / 2048}; a later batch past the last edge adds bins of the
 * same width. Past {@value #MAX_BINS} bins, neighbouring bins are merged pairwise (the width
 * doubles), which keeps the calibration searches fast. The signed minimum and maximum are kept
 * too.
 */
final class AbsHistogram {

    static final int BINS = 2048;
    static final int MAX_BINS = 8192;

    private long[] counts = new long[BINS];
    private int bins = BINS;
    private double width; // 0 until a non-zero value is seen; zeros go to bin 0 regardless
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long total;

    void add(float[] batch, int from, int len) {
        float[] range = MinMaxObserver.batchRange(batch, from, len);
        float bmin = range[0], bmax = range[1];
        if (len == 0) {
            return;
        }
        min = Math.min(min, bmin);
        max = Math.max(max, bmax);
        total += len;
        double amax = Math.max(-bmin, bmax);
        if (width == 0 && amax > 0) {
            width = amax / BINS;
        } else if (width > 0 && amax > bins * width) {
            grow((int) Math.ceil(amax / width));
        }
        for (int i = from; i < from + len; i++) {
            double a = Math.abs(batch[i]);
            int b = width == 0 ? 0 : (int) (a / width);
            counts[Math.min(b, bins - 1)]++;
        }
    }

    private void grow(int needed) {
        while (needed > MAX_BINS) {
            long[] merged = new long[counts.length];
            for (int b = 0; b < bins; b++) {
                merged[b >> 1] += counts[b];
            }
            counts = merged;
            bins = (bins + 1) >> 1;
            width *= 2;
            needed = (needed + 1) >> 1;
        }
        if (needed > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(needed, Math.min(2 * counts.length,
                    MAX_BINS)));
        }
        bins = Math.max(bins, needed);
    }

    /** The bin counts (a copy, {@link #bins} long). */
    long[] counts() {
        return Arrays.copyOf(counts, bins);
    }

    int bins() {
        return bins;
    }

    /** The bin width; 0 if every value seen was zero. */
    double width() {
        return width;
    }

    float min() {
        return min;
    }

    float max() {
        return max;
    }

    long total() {
        return total;
    }

    /** The signed range {@code [max(min, -t), min(max, t)]} for a clipping threshold t. */
    float[] clip(double t) {
        MinMaxObserver.checkObserved(total);
        float ft = (float) t;
        return new float[] {Math.max(min, -ft), Math.min(max, ft)};
    }
}
