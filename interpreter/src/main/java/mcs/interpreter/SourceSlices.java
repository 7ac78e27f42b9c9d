package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceSpan;
import mcs.grammar.SourceText;

/** The text a span covers, on one line, for showing recipes as written. */
final class SourceSlices {

    private SourceSlices() {
    }

    /** The spanned text with comments dropped and line breaks joined by single spaces. */
    static String text(SourceText source, SourceSpan span) {
        List<String> lines = source.text().replace("\r\n", "\n").replace('\r', '\n').lines()
                .toList();
        StringBuilder out = new StringBuilder();
        for (int n = span.line(); n <= span.endLine() && n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            int from = n == span.line() ? Math.min(span.column() - 1, line.length()) : 0;
            int to = n == span.endLine() ? Math.min(span.endColumn() - 1, line.length())
                    : line.length();
            String part = withoutComment(line.substring(from, Math.max(from, to))).strip();
            if (!part.isEmpty()) {
                out.append(out.length() > 0 ? " " : "").append(part);
            }
        }
        return out.toString();
    }

    /**
     * The comment lines right above line {@code line} (1-based), without their {@code #}: the
     * description of a function defined there.
     */
    static List<String> commentAbove(SourceText source, int line) {
        List<String> lines = source.text().replace("\r\n", "\n").replace('\r', '\n').lines()
                .toList();
        int first = line - 1;
        while (first > 0 && first <= lines.size() && lines.get(first - 1).strip().startsWith("#")) {
            first--;
        }
        List<String> out = new ArrayList<>();
        for (int n = first + 1; n < line; n++) {
            out.add(lines.get(n - 1).strip().substring(1).strip());
        }
        return out;
    }

    private static String withoutComment(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return s.substring(0, i);
            }
        }
        return s;
    }
}
