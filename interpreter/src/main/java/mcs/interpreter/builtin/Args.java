package mcs.interpreter.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mcs.grammar.SourceSpan;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Model;

/**
 * The checked arguments of one call, by parameter name, defaults filled in. Values already have
 * the parameter's type, so the accessors only convert. Each argument remembers its span (for
 * errors a builtin finds itself) and, when it was a plain variable, that variable's name (so
 * {@code report(base, small)} can label its rows).
 */
public final class Args {

    /** One bound argument; {@code given} is false for a default. */
    public record Bound(Value value, SourceSpan span, String label, boolean given) { }

    private final BuiltinSpec spec;
    private final SourceSpan callSpan;
    private final Map<String, Bound> single;
    private final Map<String, List<Bound>> variadic;

    Args(BuiltinSpec spec, SourceSpan callSpan, Map<String, Bound> single,
         Map<String, List<Bound>> variadic) {
        this.spec = spec;
        this.callSpan = callSpan;
        this.single = Map.copyOf(single);
        Map<String, List<Bound>> frozen = new java.util.HashMap<>();
        variadic.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
        this.variadic = Map.copyOf(frozen);
    }

    public BuiltinSpec spec() {
        return spec;
    }

    public Value value(String name) {
        return bound(name).value();
    }

    /** Whether the argument was given (rather than defaulted). */
    public boolean given(String name) {
        Bound b = single.get(name);
        return b != null ? b.given() : !variadic.getOrDefault(name, List.of()).isEmpty();
    }

    /** Whether the optional argument without default was given a value. */
    public boolean present(String name) {
        return !(value(name) instanceof Nil);
    }

    public double num(String name) {
        return ((Num) value(name)).value();
    }

    /** A whole-number argument as an int (its type guarantees it is whole). */
    public int integer(String name) {
        double v = num(name);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw error(name, name + " is too large: " + Num.format(v));
        }
        return (int) v;
    }

    public long longValue(String name) {
        return (long) num(name);
    }

    public String str(String name) {
        return ((Str) value(name)).value();
    }

    /** A symbol argument's name. */
    public String symbol(String name) {
        return ((Sym) value(name)).name();
    }

    public ListValue list(String name) {
        return (ListValue) value(name);
    }

    public Model model(String name) {
        return ((ModelValue) value(name)).model();
    }

    public DatasetValue dataset(String name) {
        return (DatasetValue) value(name);
    }

    /** All arguments of a variadic parameter, in order. */
    public List<Bound> all(String name) {
        List<Bound> list = variadic.get(name);
        if (list == null) {
            throw new IllegalArgumentException(spec.name() + " has no variadic " + name);
        }
        return list;
    }

    /** The values of a variadic parameter. */
    public List<Value> values(String name) {
        List<Value> out = new ArrayList<>();
        for (Bound b : all(name)) {
            out.add(b.value());
        }
        return out;
    }

    /** Where the argument was written; the whole call for defaults. */
    public SourceSpan span(String name) {
        Bound b = single.get(name);
        return b != null && b.span() != null ? b.span() : callSpan;
    }

    /** The variable name the argument was written as, or null. */
    public String label(String name) {
        return bound(name).label();
    }

    /** An error about one argument, at its span, prefixed with the function's name. */
    public UserError error(String name, String message) {
        return new UserError(spec.name() + ": " + message, span(name));
    }

    /** An error about one argument of a variadic parameter, at its span. */
    public UserError error(Bound argument, String message) {
        SourceSpan at = argument.span() != null ? argument.span() : callSpan;
        return new UserError(spec.name() + ": " + message, at);
    }

    private Bound bound(String name) {
        Bound b = single.get(name);
        if (b == null) {
            throw new IllegalArgumentException(spec.name() + " has no parameter " + name);
        }
        return b;
    }
}
