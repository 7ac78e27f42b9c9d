package mcs.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import mcs.interpreter.Members;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.value.Value;

/**
 * Completion of the word before the cursor, from what the session knows: after a dot, the
 * members of that variable's value ({@code fmnist.te} → {@code test}); for a named argument,
 * the symbols its parameter allows ({@code schedule=p} → {@code poly}); inside a call, its
 * parameter names ({@code epochs=}) and the symbols of the positional parameter; anywhere,
 * variables, builtins and keywords.
 */
final class Completer {

    /** The completions, where they replace text ({@code start..end}, char indices), and kinds. */
    record Completion(List<String> matches, int start, int end, Map<String, String> kinds) { }

    private final Builtins builtins;
    private final Supplier<Map<String, Value>> variables;
    private final Set<String> keywords;

    Completer(Builtins builtins, Supplier<Map<String, Value>> variables, Set<String> keywords) {
        this.builtins = builtins;
        this.variables = variables;
        this.keywords = keywords;
    }

    /** Completions at char index {@code cursor} of {@code code}. */
    Completion complete(String code, int cursor) {
        int end = Math.max(0, Math.min(cursor, code.length()));
        int start = end;
        while (start > 0 && CallSite.isWordChar(code.charAt(start - 1))) {
            start--;
        }
        String prefix = code.substring(start, end);
        Map<String, String> found = new LinkedHashMap<>();
        CallSite site = CallSite.at(code, start);
        if (site.inLiteral()) {
            return new Completion(List.of(), start, end, Map.of());
        }
        if (start > 0 && code.charAt(start - 1) == '.') {
            member(code, start - 1).ifPresent(v -> add(found, Members.names(v), "property"));
        } else if (!prefix.isEmpty() && Character.isDigit(prefix.charAt(0))) {
            return new Completion(List.of(), start, end, Map.of());
        } else if (!arguments(site, found)) {
            add(found, variables.get().keySet(), "instance");
            add(found, builtins.names(), "function");
            add(found, keywords, "keyword");
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        found.forEach((name, kind) -> {
            if (name.startsWith(prefix)) {
                kinds.put(name, kind);
            }
        });
        return new Completion(List.copyOf(kinds.keySet()), start, end, kinds);
    }

    /**
     * Parameter names and symbols offered inside a call's argument list; true when nothing else
     * fits (a named parameter that takes only symbols, {@code schedule=}).
     */
    private boolean arguments(CallSite site, Map<String, String> found) {
        Optional<BuiltinSpec> spec = site.function() == null ? Optional.empty()
                : builtins.callable(site.function(), variables.get());
        if (spec.isEmpty()) {
            return false;
        }
        if (site.namedParam() != null) {
            Optional<Param> p = spec.get().param(site.namedParam());
            p.ifPresent(param -> add(found, param.symbols(), "keyword"));
            return p.isPresent() && p.get().takesSymbols();
        }
        spec.get().positionalAt(site.argument())
                .ifPresent(p -> add(found, p.symbols(), "keyword"));
        List<String> names = new ArrayList<>();
        for (Param p : spec.get().params()) {
            if (!p.variadic()) {
                names.add(p.name() + "=");
            }
        }
        add(found, names, "param");
        return false;
    }

    /** The value of the variable just before the dot at {@code dot}, if it is one. */
    private Optional<Value> member(String code, int dot) {
        int start = dot;
        while (start > 0 && CallSite.isWordChar(code.charAt(start - 1))) {
            start--;
        }
        if (start > 0 && code.charAt(start - 1) == '.') {
            return Optional.empty();
        }
        return Optional.ofNullable(variables.get().get(code.substring(start, dot)));
    }

    private static void add(Map<String, String> found, Iterable<String> names, String kind) {
        Set<String> sorted = new TreeSet<>();
        names.forEach(sorted::add);
        for (String n : sorted) {
            found.putIfAbsent(n, kind);
        }
    }
}
