package mcs.interpreter.builtin;

import java.util.List;
import java.util.Map;

/** What {@code help()} and {@code help(name)} print, from the specs alone. */
public final class HelpText {

    private HelpText() {
    }

    /** Every builtin, grouped, one line each. */
    public static String overview(Builtins builtins) {
        Map<Group, List<BuiltinSpec>> groups = builtins.byGroup();
        int width = builtins.names().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Group, List<BuiltinSpec>> g : groups.entrySet()) {
            out.append(g.getKey().label()).append('\n');
            for (BuiltinSpec s : g.getValue()) {
                out.append("  ").append(pad(s.name(), width)).append("  ").append(s.doc())
                        .append('\n');
            }
        }
        out.append("help(name) shows a function's parameters and defaults.");
        return out.toString();
    }

    /** The signature with defaults, the doc, one line per parameter, and any notes. */
    public static String of(BuiltinSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append(spec.signature()).append('\n');
        out.append("  ").append(spec.doc());
        int nameWidth = 0;
        int typeWidth = 0;
        for (Param p : spec.params()) {
            nameWidth = Math.max(nameWidth, p.signature().length());
            typeWidth = Math.max(typeWidth, p.typeText().length());
        }
        for (Param p : spec.params()) {
            out.append('\n').append("  ").append(pad(p.signature(), nameWidth)).append("  ")
                    .append(pad(p.typeText(), typeWidth)).append("  ").append(p.doc());
        }
        for (String note : spec.notes()) {
            out.append('\n').append("  ").append(note);
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
