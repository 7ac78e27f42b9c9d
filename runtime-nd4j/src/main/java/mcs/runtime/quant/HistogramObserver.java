package mcs.runtime.quant;

/**
 * The common part of the observers that choose a clipping threshold from an
 * {@link AbsHistogram} of the observed values: they fill the histogram batch by batch and count
 * what it holds. Subclasses implement {@link Observer} (whose permitted implementations stay
 * the public observer classes) and choose the range.
 */
abstract class HistogramObserver {

    final AbsHistogram histogram = new AbsHistogram();

    /** Adds {@code batch[from, from + len)} to the histogram; every value must be finite. */
    public void observe(float[] batch, int from, int len) {
        histogram.add(batch, from, len);
    }

    /** How many values were observed. */
    public long count() {
        return histogram.total();
    }

    /**
     * A histogram observer for quantisation to {@code bits} bits: the threshold depends on the
     * number of levels of |x|, {@code 2^(bits-1)}, or {@code 2^bits} when no negative value was
     * observed. If every value seen was zero the threshold is 0.
     */
    abstract static class Levels extends HistogramObserver {

        /** The first candidate bin of the threshold searches. */
        static final int START_BIN = 128;

        private final int bits;

        Levels(int bits) {
            QuantSpec.checkBits(bits);
            this.bits = bits;
        }

        /** {@code [max(min, -t), min(max, t)]} for the threshold {@link #threshold(int)}. */
        public float[] range() {
            if (histogram.width() == 0) {
                return histogram.clip(0);
            }
            boolean unsigned = histogram.min() >= 0;
            return histogram.clip(threshold(1 << (bits - 1 + (unsigned ? 1 : 0))));
        }

        /** The clipping threshold t for {@code levels} levels of |x| (some |x| is non-zero). */
        abstract double threshold(int levels);
    }
}
