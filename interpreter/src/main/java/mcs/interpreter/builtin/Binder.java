package mcs.interpreter.builtin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.grammar.SourceSpan;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;

/**
 * Binds arguments to a builtin's parameters as its spec says: positional arguments first (a
 * piped value is the first of them), then named ones; checks types, allowed symbols and ranges;
 * fills in defaults. Every mistake is a {@link UserError} at the argument it is about.
 */
public final class Binder {

    /** An argument before binding: positional when {@code name} is null. */
    public record Entry(String name, Value value, SourceSpan span, String label) { }

    /** Where an argument is written, before its value is known; {@code piped} for {@code a |}. */
    public record Slot(String name, SourceSpan span, boolean piped) { }

    private Binder() {
    }

    /**
     * The parameter each argument goes to, in order. Fails for an unknown name, too many
     * positional arguments, an argument given twice or a required parameter left out, so that
     * no argument is evaluated for a call that cannot be made.
     */
    public static List<Param> plan(BuiltinSpec spec, List<Slot> slots, SourceSpan callSpan) {
        List<Param> out = new ArrayList<>();
        Map<String, Slot> taken = new HashMap<>();
        int position = 0;
        if (!slots.isEmpty() && slots.get(0).piped() && !spec.takesPipedInput()) {
            throw new UserError(spec.name() + ": nothing can be piped into it", callSpan,
                    "usage: " + spec.signature());
        }
        for (Slot slot : slots) {
            Param p = slot.name() == null ? positional(spec, position++, slot)
                    : named(spec, slot);
            if (!p.variadic() && taken.putIfAbsent(p.name(), slot) != null) {
                throw new UserError(spec.name() + ": " + p.name() + " is given twice",
                        slot.span());
            }
            out.add(p);
        }
        for (Param p : spec.params()) {
            if (p.required() && !taken.containsKey(p.name())) {
                boolean piped = !slots.isEmpty() && slots.get(0).piped();
                String pipeHint = !piped && spec.params().get(0).type() == Type.MODEL
                        ? "; pipe the model in: m | " + spec.name() + "(...)" : "";
                throw new UserError(spec.name() + ": missing argument " + p.name(), callSpan,
                        "usage: " + spec.signature() + pipeHint);
            }
        }
        return out;
    }

    private static Param positional(BuiltinSpec spec, int i, Slot slot) {
        return spec.positionalAt(i).orElseThrow(() -> {
            List<Param> slots = spec.positional();
            if (slots.isEmpty()) {
                return new UserError(spec.name() + ": takes no positional arguments"
                        + (spec.params().isEmpty() ? "" : ", only named ones"), slot.span(),
                        "usage: " + spec.signature());
            }
            return new UserError(spec.name() + ": takes at most " + slots.size()
                    + " positional argument" + (slots.size() == 1 ? "" : "s") + " ("
                    + String.join(", ", slots.stream().map(Param::name).toList()) + "), got "
                    + (i + 1), slot.span(), "usage: " + spec.signature());
        });
    }

    private static Param named(BuiltinSpec spec, Slot slot) {
        Param p = spec.param(slot.name()).orElseThrow(() -> new UserError(spec.name()
                + ": no parameter named " + slot.name()
                + Suggestions.didYouMean(slot.name(), spec.paramNames()), slot.span(),
                spec.params().isEmpty() ? spec.name() + " takes no arguments"
                        : "parameters: " + String.join(", ", spec.paramNames())));
        if (p.variadic()) {
            throw new UserError(spec.name() + ": " + p.name() + " cannot be given by name; "
                    + "list them as positional arguments", slot.span());
        }
        return p;
    }

    /**
     * Checks one argument against its parameter; returns the value to bind (a string naming an
     * allowed symbol becomes that symbol).
     */
    public static Value check(BuiltinSpec spec, Param p, Value v, SourceSpan span) {
        String prefix = spec.name() + ": " + p.name();
        if (p.type() == Type.SYMBOL_LIST && !(v instanceof Nil)) {
            List<Value> given = v instanceof ListValue l ? l.elements() : List.of(v);
            if (given.isEmpty()) {
                throw new UserError(prefix + " must name at least one of "
                        + String.join(", ", p.symbols()), span, p.hint());
            }
            Param one = p.oneOf(p.symbols().toArray(String[]::new));
            return new ListValue(given.stream().map(e -> check(spec, one, e, span)).toList());
        }
        if (p.takesSymbols() && p.type() != Type.SYMBOL_LIST) {
            String name = v instanceof Sym s ? s.name() : v instanceof Str s ? s.value()
                    : v instanceof Bool b ? b.show() : null; // preserve_sparsity=false
            if (name == null || !p.symbols().contains(name)) {
                String got = v instanceof Sym s ? s.name() : v.describe();
                throw new UserError(prefix + " must be one of " + String.join(", ", p.symbols())
                        + "; got " + got + (name == null ? ""
                        : Suggestions.didYouMean(name, p.symbols())), span, p.hint());
            }
            return new Sym(name);
        }
        if (!p.type().accepts(v)) {
            String what = p.type() == Type.INTEGER && v instanceof Num n ? Num.format(n.value())
                    : v.describe();
            throw new UserError(prefix + " must be " + p.type().article() + ", got " + what, span,
                    p.hint() != null ? p.hint() : modelFirstHint(spec, p));
        }
        if (p.range() != null && v instanceof Num n && !p.range().contains(n.value())) {
            throw new UserError(prefix + " must be " + p.range().describe() + ", got "
                    + Num.format(n.value()), span, p.hint());
        }
        return v;
    }

    private static String modelFirstHint(BuiltinSpec spec, Param p) {
        boolean first = !spec.params().isEmpty() && spec.params().get(0) == p;
        return first && p.type() == Type.MODEL
                ? "the model comes first: m | " + spec.name() + "(...) or " + spec.name()
                        + "(m, ...)" : null;
    }

    /** Binds checked entries; {@code callSpan} locates errors about the call as a whole. */
    public static Args bind(BuiltinSpec spec, List<Entry> entries, SourceSpan callSpan) {
        List<Slot> slots = entries.stream().map(e -> new Slot(e.name(), e.span(), false))
                .toList();
        List<Param> params = plan(spec, slots, callSpan);
        Map<String, Args.Bound> single = new LinkedHashMap<>();
        Map<String, List<Args.Bound>> variadic = new HashMap<>();
        for (Param p : spec.params()) {
            if (p.variadic()) {
                variadic.put(p.name(), new ArrayList<>());
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Param p = params.get(i);
            Args.Bound b = new Args.Bound(check(spec, p, e.value(), e.span()), e.span(),
                    e.label(), true);
            if (p.variadic()) {
                variadic.get(p.name()).add(b);
            } else {
                single.put(p.name(), b);
            }
        }
        for (Param p : spec.params()) {
            if (!p.variadic() && !single.containsKey(p.name())) {
                single.put(p.name(), new Args.Bound(p.defaultValue(), null, null, false));
            }
        }
        return new Args(spec, callSpan, single, variadic);
    }
}
