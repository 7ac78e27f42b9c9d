package mcs.interpreter.builtin;

import mcs.interpreter.value.Num;

/** Bounds on a numeric parameter; a null bound is open. */
public record Range(Double min, boolean minInclusive, Double max, boolean maxInclusive) {

    /** {@code [min, max)}. */
    public static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** {@code [min, max]}. */
    public static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    /** {@code >= min}. */
    public static Range atLeast(double min) {
        return new Range(min, true, null, false);
    }

    /** {@code > min}. */
    public static Range above(double min) {
        return new Range(min, false, null, false);
    }

    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean lowOk = min == null || (minInclusive ? v >= min : v > min);
        boolean highOk = max == null || (maxInclusive ? v <= max : v < max);
        return lowOk && highOk;
    }

    /** e.g. {@code in [0, 1)}, {@code at least 1}, {@code > 0}. */
    public String describe() {
        if (min != null && max != null) {
            return "in " + (minInclusive ? "[" : "(") + Num.format(min) + ", " + Num.format(max)
                    + (maxInclusive ? "]" : ")");
        }
        if (min != null) {
            return minInclusive ? "at least " + Num.format(min) : "> " + Num.format(min);
        }
        if (max != null) {
            return maxInclusive ? "at most " + Num.format(max) : "< " + Num.format(max);
        }
        return "any number";
    }
}
