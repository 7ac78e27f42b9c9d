package mcs.interpreter.builtin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declaration of a builtin: name, group, one-line doc, parameters, result type and optional
 * extra notes for {@code help(name)}. Parameters after a variadic one are keyword-only.
 */
public record BuiltinSpec(String name, Group group, String doc, List<Param> params, Type result,
                          List<String> notes) {

    public BuiltinSpec {
        List<Param> fixed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean afterVariadic = false;
        for (Param p : params) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException(name + ": parameter " + p.name() + " twice");
            }
            if (p.variadic() && afterVariadic) {
                throw new IllegalArgumentException(name + ": two variadic parameters");
            }
            fixed.add(afterVariadic && !p.keywordOnly() ? p.byNameOnly() : p);
            afterVariadic |= p.variadic();
        }
        params = List.copyOf(fixed);
        notes = List.copyOf(notes);
    }

    /** Starts a declaration. */
    public static Builder define(String name, Group group, String doc) {
        return new Builder(name, group, doc);
    }

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }

    public List<String> paramNames() {
        return params.stream().map(Param::name).toList();
    }

    /** Parameters that positional arguments fill, in order (a variadic one last). */
    public List<Param> positional() {
        return params.stream().filter(p -> !p.keywordOnly()).toList();
    }

    /** The parameter the {@code i}-th positional argument (0-based) binds to, if any. */
    public Optional<Param> positionalAt(int i) {
        List<Param> slots = positional();
        if (i < slots.size()) {
            return Optional.of(slots.get(i));
        }
        if (!slots.isEmpty() && slots.get(slots.size() - 1).variadic()) {
            return Optional.of(slots.get(slots.size() - 1));
        }
        return Optional.empty();
    }

    /**
     * Whether a value can be piped into this function: its first positional parameter is
     * required or variadic ({@code m | prune(0.8)}, {@code x | print}), not an optional setting
     * such as {@code lenet5}'s seed.
     */
    public boolean takesPipedInput() {
        List<Param> slots = positional();
        return !slots.isEmpty() && (slots.get(0).required() || slots.get(0).variadic());
    }

    /** e.g. {@code prune(model, sparsity, schedule=constant, ...) -> model}. */
    public String signature() {
        String list = params.stream().map(Param::signature).collect(Collectors.joining(", "));
        return name + "(" + list + ") -> " + result.label();
    }

    /** Builds a {@link BuiltinSpec} step by step. */
    public static final class Builder {
        private final String name;
        private final Group group;
        private final String doc;
        private final List<Param> params = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String name, Group group, String doc) {
            this.name = name;
            this.group = group;
            this.doc = doc;
        }

        public Builder param(Param p) {
            params.add(p);
            return this;
        }

        /** An extra line for {@code help(name)}. */
        public Builder note(String line) {
            notes.add(line);
            return this;
        }

        public BuiltinSpec returns(Type result) {
            return new BuiltinSpec(name, group, doc, params, result, notes);
        }
    }
}
