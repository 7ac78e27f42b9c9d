package mcs.interpreter;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import mcs.interpreter.value.Value;

/**
 * Where names are looked up: a session's variables at the top, and one scope per running
 * function call above the scope the function was defined in. Assigning inside a function
 * makes a local variable; reading finds the nearest scope that has the name, so a function
 * sees (closes over) the variables around its definition as they are when it runs.
 */
public final class Scope {

    private final Scope parent;
    private final Map<String, Value> variables;

    private Scope(Scope parent, Map<String, Value> variables) {
        this.parent = parent;
        this.variables = variables;
    }

    /** The top scope, over a session's own (live) variables. */
    static Scope top(Map<String, Value> variables) {
        return new Scope(null, variables);
    }

    /** A new, empty scope for a call, inside this one. */
    Scope child() {
        return new Scope(this, new LinkedHashMap<>());
    }

    /** Whether this is the top scope (statements there print their values). */
    boolean isTop() {
        return parent == null;
    }

    /** The value of {@code name} in the nearest scope that has it, or null. */
    Value get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Value v = s.variables.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** Binds {@code name} in this scope. */
    void put(String name, Value value) {
        variables.put(name, value);
    }

    /** Every name visible here, nearest first. */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Scope s = this; s != null; s = s.parent) {
            out.addAll(s.variables.keySet());
        }
        return out;
    }
}
