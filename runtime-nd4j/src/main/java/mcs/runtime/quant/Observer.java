package mcs.runtime.quant;

/**
 * Collects statistics of a tensor (an activation) over calibration batches and then chooses
 * the float range to quantise it to, as torch.ao observers and ONNX Runtime's calibraters do.
 * Call {@link #observe} once per batch, then {@link #range} or {@link #spec}. Observers are
 * accumulators: mutable and not thread-safe.
 */
public sealed interface Observer
        permits MinMaxObserver, PercentileObserver, MseObserver, EntropyObserver {

    /** Adds {@code batch[from, from + len)}; every value must be finite. */
    void observe(float[] batch, int from, int len);

    /** Adds a whole batch. */
    default void observe(float[] batch) {
        observe(batch, 0, batch.length);
    }

    /** How many values were observed. */
    long count();

    /** The chosen range {@code [min, max]}; fails if nothing was observed. */
    float[] range();

    /**
     * The per-tensor spec for {@link #range}: symmetric gives signed (int8, zero point 0),
     * asymmetric gives unsigned (uint8, ONNX Runtime's default for activations).
     */
    default QuantSpec spec(int bits, boolean symmetric) {
        return spec(bits, symmetric, symmetric);
    }

    /** The per-tensor spec for {@link #range}, by {@link QuantSpec#fromRange}. */
    default QuantSpec spec(int bits, boolean signed, boolean symmetric) {
        float[] r = range();
        return QuantSpec.fromRange(bits, signed, symmetric, r[0], r[1]);
    }
}
