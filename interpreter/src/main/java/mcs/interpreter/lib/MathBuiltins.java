package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceSpan;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;

/**
 * {@code abs}, {@code round}, {@code min}, {@code max}, {@code sum}, {@code pow}, {@code sqrt},
 * {@code log}. Every result is a finite number: an overflow or a NaN is the user's error.
 */
final class MathBuiltins {

    private MathBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("abs", Group.OTHER, "The absolute value of a number.")
                .param(Param.required("x", Type.NUMBER, "a number"))
                .returns(Type.NUMBER), (a, c) -> finite(c, Math.abs(a.num("x"))));
        b.add(define("round", Group.OTHER, "Rounds to digits decimal places, halves away from "
                        + "zero: round(2.5) is 3.")
                .param(Param.required("x", Type.NUMBER, "a number"))
                .param(Param.optional("digits", Type.INTEGER, Num.of(0), "decimal places; "
                        + "-2 rounds to hundreds"))
                .note("Rounds x as a decimal, the shortest that reads back as x: round(2.675, 2) "
                        + "is 2.68")
                .note("and round(-0.5) is -1, where Python's round gives 2.67 and -0.")
                .returns(Type.NUMBER), MathBuiltins::round);
        b.add(define("min", Group.OTHER, "The smallest of some numbers or strings: min(a, b) or "
                        + "min([a, b]).")
                .param(Param.variadic("values", Type.ANY, "numbers or strings, or one list"))
                .note("Strings compare character by character: \"B\" < \"a\" < \"ab\" < \"b\".")
                .returns(Type.ANY), (a, c) -> extreme(a, false));
        b.add(define("max", Group.OTHER, "The largest of some numbers or strings: max(a, b) or "
                        + "max([a, b]).")
                .param(Param.variadic("values", Type.ANY, "numbers or strings, or one list"))
                .note("Strings compare character by character: \"B\" < \"a\" < \"ab\" < \"b\".")
                .returns(Type.ANY), (a, c) -> extreme(a, true));
        b.add(define("sum", Group.OTHER, "Adds numbers: sum(a, b, c) or sum([a, b, c]); sum([]) "
                        + "is 0.")
                .param(Param.variadic("values", Type.ANY, "numbers, or one list of them"))
                .note("Compensated (Neumaier) summation, as Python 3.12's sum: "
                        + "sum([0.1, 0.2, 0.3]) is 0.6.")
                .returns(Type.NUMBER), MathBuiltins::sum);
        b.add(define("pow", Group.OTHER, "x to the power y.")
                .param(Param.required("x", Type.NUMBER, "the base"))
                .param(Param.required("y", Type.NUMBER, "the exponent"))
                .returns(Type.NUMBER), (a, c) -> finite(c, Math.pow(a.num("x"), a.num("y"))));
        b.add(define("sqrt", Group.OTHER, "The square root.")
                .param(Param.required("x", Type.NUMBER, "a number").range(Range.atLeast(0)))
                .returns(Type.NUMBER), (a, c) -> finite(c, Math.sqrt(a.num("x"))));
        b.add(define("log", Group.OTHER, "The logarithm, natural unless a base is given.")
                .param(Param.required("x", Type.NUMBER, "a number").range(Range.above(0)))
                .param(Param.optional("base", Type.NUMBER, "e.g. 2 or 10; default e")
                        .range(Range.above(0)).shownDefault("e"))
                .returns(Type.NUMBER), MathBuiltins::log);
    }

    /** The result, or an error when it is infinite or NaN. */
    private static Value finite(CallContext c, double result) {
        if (!Double.isFinite(result)) {
            throw c.error("the result is not a finite number");
        }
        return Num.of(result);
    }

    private static Value round(Args a, CallContext c) {
        double x = a.num("x");
        if (!Double.isFinite(x)) {
            throw a.error("x", "x must be a finite number, got " + Num.format(x));
        }
        int digits = a.integer("digits");
        BigDecimal d = new BigDecimal(Double.toString(x));
        if (digits >= d.scale()) {
            return Num.of(x);
        }
        if (digits < d.scale() - d.precision()) {
            return Num.of(0);
        }
        return finite(c, d.setScale(digits, RoundingMode.HALF_UP).doubleValue());
    }

    private static Value log(Args a, CallContext c) {
        double x = a.num("x");
        if (!a.present("base")) {
            return finite(c, Math.log(x));
        }
        double base = a.num("base");
        if (base == 1) {
            throw a.error("base", "base must not be 1");
        }
        return finite(c, base == 10 ? Math.log10(x) : Math.log(x) / Math.log(base));
    }

    /** A value to compare or add, and where it was written. */
    private record Item(Value value, SourceSpan span) { }

    /** The arguments, or the elements of a single list argument. */
    private static List<Item> items(Args a) {
        List<Args.Bound> given = a.all("values");
        List<Item> out = new ArrayList<>();
        if (given.size() == 1 && given.get(0).value() instanceof ListValue l) {
            for (Value v : l.elements()) {
                out.add(new Item(v, given.get(0).span()));
            }
        } else {
            for (Args.Bound b : given) {
                out.add(new Item(b.value(), b.span()));
            }
        }
        return out;
    }

    private static Value extreme(Args a, boolean largest) {
        List<Item> items = items(a);
        String name = a.spec().name();
        if (items.isEmpty()) {
            throw a.error("values", "needs at least one value, e.g. " + name + "(1, 2) or "
                    + name + "([1, 2])");
        }
        Item first = items.get(0);
        if (!(first.value() instanceof Num) && !(first.value() instanceof Str)) {
            throw new UserError(name + ": compares numbers or strings, got "
                    + first.value().describe(), first.span());
        }
        Value best = first.value();
        for (Item item : items) {
            Value v = item.value();
            if (v.getClass() != best.getClass()) {
                throw new UserError(name + ": values must be all numbers or all strings; got "
                        + first.value().describe() + " and " + v.describe(), item.span());
            }
            int order = v instanceof Num n ? Double.compare(n.value(), ((Num) best).value())
                    : ((Str) v).value().compareTo(((Str) best).value());
            if (largest ? order > 0 : order < 0) {
                best = v;
            }
        }
        if (best instanceof Num n && !Double.isFinite(n.value())) {
            throw a.error("values", "the result is not a finite number");
        }
        return best;
    }

    private static Value sum(Args a, CallContext c) {
        double total = 0;
        double compensation = 0;
        for (Item item : items(a)) {
            if (!(item.value() instanceof Num n)) {
                throw new UserError("sum: adds numbers, got " + item.value().describe(),
                        item.span());
            }
            double x = n.value();
            double t = total + x;
            compensation += Math.abs(total) >= Math.abs(x) ? (total - t) + x : (x - t) + total;
            total = t;
        }
        return finite(c, total + compensation);
    }
}
