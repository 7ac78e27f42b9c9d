package mcs.interpreter.builtin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.Value;

/**
 * The registry of builtin functions, in declaration order. Immutable once built. Besides calls,
 * it serves {@code help}, REPL completion and a kernel's inspect: names, specs, parameters and
 * the symbols each parameter allows.
 */
public final class Builtins {

    private final Map<String, Builtin> byName;

    private Builtins(Map<String, Builtin> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All names, in declaration order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    public Optional<Builtin> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<BuiltinSpec> spec(String name) {
        return get(name).map(Builtin::spec);
    }

    /**
     * The spec a call of {@code name} binds through, given the session's variables: a user
     * function's, a builtin named by a variable, else the builtin {@code name} (a variable of
     * another kind hides it).
     */
    public Optional<BuiltinSpec> callable(String name, Map<String, Value> variables) {
        Value v = variables.get(name);
        if (v instanceof FunctionValue f) {
            return Optional.of(f.spec());
        } else if (v instanceof BuiltinValue b) {
            return spec(b.name());
        }
        return v != null ? Optional.empty() : spec(name);
    }

    /** The parameters of {@code name}, or an empty list when there is no such builtin. */
    public List<Param> params(String name) {
        return spec(name).map(BuiltinSpec::params).orElse(List.of());
    }

    /** The symbols parameter {@code param} of builtin {@code name} accepts (empty if none). */
    public List<String> symbols(String name, String param) {
        return spec(name).flatMap(s -> s.param(param)).map(Param::symbols).orElse(List.of());
    }

    /** Every spec, grouped for {@code help()}, groups in their declared order. */
    public Map<Group, List<BuiltinSpec>> byGroup() {
        Map<Group, List<BuiltinSpec>> groups = new EnumMap<>(Group.class);
        for (Builtin b : byName.values()) {
            groups.computeIfAbsent(b.spec().group(), g -> new ArrayList<>()).add(b.spec());
        }
        return groups;
    }

    /** The builtin as a value, e.g. for {@code help(prune)}. */
    public Optional<BuiltinValue> value(String name) {
        return spec(name).map(s -> new BuiltinValue(s.name(), s.signature()));
    }

    /** Collects builtins; a name can be declared once. */
    public static final class Builder {
        private final Map<String, Builtin> byName = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(BuiltinSpec spec, Builtin.Body body) {
            if (byName.putIfAbsent(spec.name(), new Builtin(spec, body)) != null) {
                throw new IllegalArgumentException("builtin " + spec.name() + " declared twice");
            }
            return this;
        }

        public Builtins build() {
            return new Builtins(byName);
        }
    }
}
