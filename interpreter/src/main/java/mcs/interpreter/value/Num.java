package mcs.interpreter.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** A number. All numbers are doubles; {@code 80%} is 0.8. */
public record Num(double value) implements Value {

    private static final int DIGITS = 4;

    public static Num of(double value) {
        return new Num(value);
    }

    /** True when the value is a whole number that fits a {@code long} exactly. */
    public boolean isWhole() {
        return value == Math.rint(value) && Math.abs(value) <= (1L << 53);
    }

    @Override
    public String show() {
        return format(value);
    }

    @Override
    public String typeName() {
        return "number";
    }

    /**
     * Whole numbers without a decimal point ({@code 3}, {@code 431080}); others rounded to 4
     * significant digits but never losing integer digits ({@code 0.8123}, {@code 123.5},
     * {@code 12346}); very small or very large ones in scientific notation ({@code 1e-5}).
     */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a >= 1e15 || (a < 1e-4 && a > 0)) {
            return scientific(v);
        }
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v);
        if (a >= 1) {
            int intDigits = d.abs().toBigInteger().toString().length();
            d = d.setScale(Math.max(0, DIGITS - intDigits), RoundingMode.HALF_EVEN);
        } else {
            d = d.round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        }
        return strip(d.toPlainString());
    }

    private static String scientific(double v) {
        BigDecimal d = new BigDecimal(v).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent);
        return strip(mantissa.toPlainString()) + "e" + exponent;
    }

    private static String strip(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
