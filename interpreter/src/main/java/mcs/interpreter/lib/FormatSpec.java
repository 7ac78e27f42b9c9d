package mcs.interpreter.lib;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;

/**
 * The part of a {@code format} field after the colon, as in Python's format-spec mini-language:
 * {@code [[fill]align][sign][0][width][,][.precision][type]}. Rounding is to nearest, ties to
 * even, on the exact value of the double, as Python does; the text never depends on the locale.
 *
 * @param fill      the padding character (a code point)
 * @param fillGiven whether the spec names the fill, so the {@code 0} flag leaves it alone
 * @param align     one of {@code < > ^ =}, or 0 for the default (numbers right, text left)
 * @param sign      one of {@code + - space}, or 0 when not given
 * @param zero      the {@code 0} flag: pad numbers with zeros after the sign
 * @param width     the minimum width in characters, 0 for none
 * @param grouping  a comma between thousands
 * @param precision digits after the point (f, e, %), significant digits (g, none) or the
 *                  longest text (s); -1 when not given
 * @param type      one of {@code f F e E g G % d s}, or 0 for none
 */
record FormatSpec(int fill, boolean fillGiven, char align, char sign, boolean zero, int width,
                  boolean grouping, int precision, char type) {

    /** The types, in the order error messages list them. */
    static final String TYPES = "dfFeEgG%s";

    /** Widths and precisions above this are refused, so a typo cannot fill the memory. */
    static final int MAX_DIGITS = 1000;

    /** A spec that {@code format} cannot read or that does not fit its value. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code text}, the spec of {@code field} (the field as written, for messages). */
    static FormatSpec parse(String text, String field) {
        int[] cp = text.codePoints().toArray();
        int i = 0;
        int fill = ' ';
        boolean fillGiven = false;
        char align = 0;
        if (cp.length >= 2 && isAlign(cp[1])) {
            fill = cp[0];
            fillGiven = true;
            align = (char) cp[1];
            i = 2;
        } else if (cp.length >= 1 && isAlign(cp[0])) {
            align = (char) cp[0];
            i = 1;
        }
        char sign = 0;
        if (i < cp.length && (cp[i] == '+' || cp[i] == '-' || cp[i] == ' ')) {
            sign = (char) cp[i++];
        }
        boolean zero = i < cp.length && cp[i] == '0';
        if (zero) {
            i++;
        }
        int start = i;
        i = digitsEnd(cp, i);
        int width = number(cp, start, i, "width", field);
        boolean grouping = i < cp.length && cp[i] == ',';
        if (grouping) {
            i++;
        }
        int precision = -1;
        if (i < cp.length && cp[i] == '.') {
            start = ++i;
            i = digitsEnd(cp, i);
            if (i == start) {
                throw new Invalid(field + ": a '.' must be followed by the precision, e.g. .2f");
            }
            precision = number(cp, start, i, "precision", field);
        }
        char type = 0;
        if (i == cp.length - 1 && TYPES.indexOf(cp[i]) >= 0) {
            type = (char) cp[i];
        } else if (i == cp.length - 1 && Character.isLetter(cp[i])) {
            throw new Invalid(field + " has an unknown type " + Character.toString(cp[i])
                    + "; the types are " + String.join(", ", TYPES.split("")));
        } else if (i < cp.length) {
            throw new Invalid(field + " has an invalid format spec \"" + text + "\"; expected "
                    + "[[fill]align][sign][0][width][,][.precision][type], e.g. >8.3f");
        }
        return new FormatSpec(fill, fillGiven, align, sign, zero, width, grouping, precision,
                type).checked(field);
    }

    private FormatSpec checked(String field) {
        if (type == 'd' && precision >= 0) {
            throw new Invalid(field + ": d takes no precision; for decimals use f, e.g. {:."
                    + precision + "f}");
        }
        if (type == 's') {
            textOnly(field, "type s");
        }
        return this;
    }

    /** Formats {@code v}; {@code field} is the field as written, for messages. */
    String apply(Value v, String field) {
        if (v instanceof Num n && type != 's') {
            return number(n.value(), field);
        }
        if (type != 0 && type != 's') {
            throw new Invalid(field + " needs a number, got " + v.describe());
        }
        textOnly(field, v.describe());
        String text = v instanceof Str s ? s.value() : v.show();
        if (precision >= 0 && text.codePointCount(0, text.length()) > precision) {
            text = text.substring(0, text.offsetByCodePoints(0, precision));
        }
        int f = zero && !fillGiven ? '0' : fill;
        return pad(text, align == 0 ? '<' : align, f);
    }

    /** Fails for the parts of a spec that only numbers take, for {@code what} (text). */
    private void textOnly(String field, String what) {
        String numeric = sign != 0 ? "a sign" : grouping ? "the ',' separator"
                : align == '=' ? "'=' alignment" : null;
        if (numeric != null) {
            throw new Invalid(field + ": " + numeric + " applies only to numbers, not to "
                    + what);
        }
    }

    private String number(double v, String field) {
        boolean negative;
        String body;
        if (type == 'd') {
            if (!Double.isFinite(v) || v != Math.rint(v)) {
                throw new Invalid(field + " needs a whole number, got " + Num.format(v));
            }
            negative = v < 0;
            body = new BigDecimal(v).toBigInteger().abs().toString();
        } else if (type == 0 && precision < 0) {
            body = Num.format(v);
            negative = body.startsWith("-");
            body = negative ? body.substring(1) : body;
        } else {
            negative = !Double.isNaN(v) && Math.copySign(1.0, v) < 0;
            body = unsigned(Math.abs(v));
        }
        String signText = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
        int f = fill;
        char a = align == 0 ? '>' : align;
        if (zero && !fillGiven) {
            f = '0';
            a = align == 0 ? '=' : align;
        }
        if (grouping) {
            int digits = f == '0' && a == '=' ? width - signText.length() : 0;
            body = group(body, digits);
        }
        if (a == '=') {
            return signText + pad(body, '>', f, width - signText.length());
        }
        return pad(signText + body, a, f);
    }

    /** {@code x >= 0} (or NaN) as the type says, without a sign. */
    private String unsigned(double x) {
        if (!Double.isFinite(x)) {
            String s = Double.isNaN(x) ? "nan" : "inf";
            return type == '%' ? s + "%" : Character.isUpperCase(type) ? s.toUpperCase(Locale.ROOT)
                    : s;
        }
        return switch (type) {
            case 'f' -> fixed(x, precision < 0 ? 6 : precision);
            case 'F' -> fixed(x, precision < 0 ? 6 : precision).toUpperCase(Locale.ROOT);
            case 'e' -> scientific(x, precision < 0 ? 6 : precision);
            case 'E' -> scientific(x, precision < 0 ? 6 : precision).toUpperCase(Locale.ROOT);
            case 'G' -> general(x, precision).toUpperCase(Locale.ROOT);
            case '%' -> fixed(x * 100, precision < 0 ? 6 : precision) + "%";
            default -> general(x, precision); // g, and none with a precision
        };
    }

    private static String fixed(double x, int decimals) {
        return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** e.g. {@code 1.234568e+04}: a digit, the decimals, an exponent of two digits or more. */
    private static String scientific(double x, int decimals) {
        if (x == 0) {
            return fixed(0, decimals) + "e+00";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(decimals + 1,
                RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).setScale(decimals, RoundingMode.HALF_EVEN)
                .toPlainString();
        String digits = Integer.toString(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (digits.length() < 2 ? "0" : "")
                + digits;
    }

    /** Python's g: fixed or scientific by the exponent, trailing zeros dropped. */
    private static String general(double x, int precision) {
        int p = precision < 0 ? 6 : Math.max(precision, 1);
        int exponent = 0;
        if (x != 0) {
            BigDecimal d = new BigDecimal(x).round(new MathContext(p, RoundingMode.HALF_EVEN));
            exponent = d.precision() - d.scale() - 1;
        }
        if (exponent >= -4 && exponent < p) {
            return stripZeros(fixed(x, p - 1 - exponent));
        }
        String s = scientific(x, p - 1);
        int e = s.indexOf('e');
        return stripZeros(s.substring(0, e)) + s.substring(e);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        String t = s.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /**
     * Commas between thousands of the leading digits; when the number is zero-padded, zeros
     * (grouped too) make it at least {@code minLength} long, as Python does.
     */
    private static String group(String body, int minLength) {
        int end = 0;
        while (end < body.length() && Character.isDigit(body.charAt(end))) {
            end++;
        }
        String digits = body.substring(0, end);
        String rest = body.substring(end);
        String grouped = commas(digits);
        while (!digits.isEmpty() && grouped.length() + rest.length() < minLength) {
            digits = "0" + digits;
            grouped = commas(digits);
        }
        return grouped + rest;
    }

    private static String commas(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private String pad(String s, char a, int f) {
        return pad(s, a, f, width);
    }

    private static String pad(String s, char align, int fill, int width) {
        int missing = width - s.codePointCount(0, s.length());
        if (missing <= 0) {
            return s;
        }
        String f = Character.toString(fill);
        return switch (align) {
            case '<' -> s + f.repeat(missing);
            case '^' -> f.repeat(missing / 2) + s + f.repeat(missing - missing / 2);
            default -> f.repeat(missing) + s;
        };
    }

    private static boolean isAlign(int c) {
        return c == '<' || c == '>' || c == '^' || c == '=';
    }

    private static int digitsEnd(int[] cp, int i) {
        while (i < cp.length && cp[i] >= '0' && cp[i] <= '9') {
            i++;
        }
        return i;
    }

    private static int number(int[] cp, int start, int end, String what, String field) {
        if (start == end) {
            return what.equals("width") ? 0 : -1;
        }
        String digits = new String(cp, start, end - start);
        if (digits.length() > 4 || Integer.parseInt(digits) > MAX_DIGITS) {
            throw new Invalid(field + ": the " + what + " " + digits + " is too large; at most "
                    + MAX_DIGITS);
        }
        return Integer.parseInt(digits);
    }
}
