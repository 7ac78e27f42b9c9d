package mcs.runtime.quant;

import mcs.runtime.InvalidInputException;

/**
 * Clips at a percentile of |x| taken from a 2048-bin histogram, as NVIDIA's
 * pytorch-quantization ({@code _compute_amax_percentile}) and ONNX Runtime's symmetric
 * percentile calibration: t is the left edge of the first bin where the cumulative fraction of
 * the values reaches {@code percentile / 100}, and the range is {@code [max(min, -t), min(max,
 * t)]}.
 */
public final class PercentileObserver extends HistogramObserver implements Observer {

    /** The default percentile, 99.99. */
    public static final double DEFAULT_PERCENTILE = 99.99;

    private final double percentile;

    public PercentileObserver() {
        this(DEFAULT_PERCENTILE);
    }

    public PercentileObserver(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new InvalidInputException("calibration: percentile must be in (0, 100], got "
                    + percentile);
        }
        this.percentile = percentile;
    }

    @Override
    public float[] range() {
        return histogram.clip(threshold(histogram.counts(), percentile) * histogram.width());
    }

    /** The first bin whose cumulative fraction of the total reaches {@code percentile / 100}. */
    static int threshold(long[] counts, double percentile) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double target = percentile / 100;
        long cumulative = 0;
        for (int b = 0; b < counts.length; b++) {
            cumulative += counts[b];
            if ((double) cumulative / total >= target) {
                return b;
            }
        }
        return counts.length - 1;
    }
}
