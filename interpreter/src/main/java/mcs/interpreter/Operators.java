package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Expr.Operator;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;

/**
 * What the operators do to values: arithmetic on numbers ({@code /} is true division), {@code +}
 * also joins strings and lists, {@code ==} and {@code !=} compare any two values, the ordering
 * comparisons compare two numbers or two strings. {@code and} and {@code or} short-circuit, so
 * the interpreter evaluates them itself. Every mistake is an error at the expression.
 */
final class Operators {

    private Operators() {
    }

    static Value apply(Expr.Binary e, Value left, Value right) {
        Operator op = e.operator();
        return switch (op) {
            case EQUAL -> Bool.of(same(left, right));
            case NOT_EQUAL -> Bool.of(!same(left, right));
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> Bool.of(order(e, left, right));
            case ADD -> add(e, left, right);
            default -> Num.of(arithmetic(e, number(e, left, right), ((Num) right).value()));
        };
    }

    /** Whether two values are equal: numbers by value, others as values. */
    static boolean same(Value left, Value right) {
        if (left instanceof Num a && right instanceof Num b) {
            return a.value() == b.value();
        }
        return left.equals(right);
    }

    private static Value add(Expr.Binary e, Value left, Value right) {
        if (left instanceof Str a && right instanceof Str b) {
            return new Str(a.value() + b.value());
        }
        if (left instanceof ListValue a && right instanceof ListValue b) {
            List<Value> joined = new ArrayList<>(a.elements());
            joined.addAll(b.elements());
            return new ListValue(joined);
        }
        if (left instanceof Num && right instanceof Num b) {
            return Num.of(arithmetic(e, ((Num) left).value(), b.value()));
        }
        String hint = left instanceof Str || right instanceof Str
                ? "to put a value into text, use format: format(\"{} items\", n)" : null;
        throw new UserError("cannot add " + left.describe() + " and " + right.describe()
                + ": + adds numbers and joins strings or lists", e.span(), hint);
    }

    /** The left operand of a numeric operator, once both are known to be numbers. */
    private static double number(Expr.Binary e, Value left, Value right) {
        for (Value v : List.of(left, right)) {
            if (!(v instanceof Num)) {
                throw new UserError("'" + e.operator().symbol() + "' needs numbers, got "
                        + v.describe(), (v == left ? e.left() : e.right()).span());
            }
        }
        return ((Num) left).value();
    }

    private static double arithmetic(Expr.Binary e, double a, double b) {
        double result = switch (e.operator()) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> {
                if (b == 0) {
                    throw new UserError("division by zero", e.right().span());
                }
                yield a / b;
            }
            case POWER -> Math.pow(a, b);
            default -> throw new IllegalArgumentException("not arithmetic: " + e.operator());
        };
        if (Double.isNaN(result)) {
            throw new UserError(Num.format(a) + " " + e.operator().symbol() + " " + Num.format(b)
                    + " is not a number", e.span(), e.operator() == Operator.POWER
                    ? "a negative number has no real power with a fractional exponent" : null);
        }
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new UserError("the result of " + e.operator().symbol() + " is too large for "
                    + "a number", e.span());
        }
        return result;
    }

    private static boolean order(Expr.Binary e, Value left, Value right) {
        int c;
        if (left instanceof Num a && right instanceof Num b) {
            if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
                return false;
            }
            c = Double.compare(a.value(), b.value());
        } else if (left instanceof Str a && right instanceof Str b) {
            c = a.value().compareTo(b.value());
        } else {
            throw new UserError("cannot compare " + left.describe() + " with "
                    + right.describe() + " using " + e.operator().symbol()
                    + ": it orders two numbers or two strings", e.span());
        }
        return switch (e.operator()) {
            case LESS -> c < 0;
            case LESS_EQUAL -> c <= 0;
            case GREATER -> c > 0;
            default -> c >= 0;
        };
    }

    /** The truth of a value where a condition is needed; anything but a boolean is an error. */
    static boolean truth(Value v, Expr where, String what) {
        if (v instanceof Bool b) {
            return b.value();
        }
        throw new UserError(what + " needs true or false, got " + v.describe(), where.span(),
                "compare to get one, e.g. x > 0 or name == \"lenet5\"");
    }
}
