package mcs.bench;

import java.util.Locale;

/** One measured figure: {@code name value unit}; seconds and milliseconds are lower-is-better. */
record Measure(String name, double value, String unit) {

    boolean higherIsBetter() {
        return unit.endsWith("/s");
    }

    /** How many times better this is than {@code other} (above 1: this one is faster). */
    double advantageOver(Measure other) {
        return higherIsBetter() ? value / other.value : other.value / value;
    }

    String line() {
        return name + " " + format(value) + " " + unit;
    }

    static String format(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 1 ? "%.3f" : "%.4f", v);
    }

    /** Parses a line {@code name value unit} as the PyTorch script prints it. */
    static Measure parse(String line) {
        String[] p = line.trim().split("\\s+");
        if (p.length != 3) {
            throw new IllegalArgumentException("not 'name value unit': " + line);
        }
        return new Measure(p[0], Double.parseDouble(p[1]), p[2]);
    }
}
