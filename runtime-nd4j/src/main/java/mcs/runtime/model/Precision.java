package mcs.runtime.model;

/** The float format a tensor's values are stored in when they are not quantised to integers. */
public enum Precision {
    FP32(32), FP16(16), BF16(16);

    private final int bits;

    Precision(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
