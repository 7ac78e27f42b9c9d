package mcs.grammar;

import java.util.List;

/** The text of a script, a REPL line or a notebook cell, with the name diagnostics show for it. */
public record SourceText(String name, String text) {

    public SourceText {
        if (name == null || text == null) {
            throw new IllegalArgumentException("name and text are required");
        }
    }

    /** The 1-based line {@code n} without its line terminator, or "" when out of range. */
    public String line(int n) {
        List<String> lines = text.lines().toList();
        return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }
}
