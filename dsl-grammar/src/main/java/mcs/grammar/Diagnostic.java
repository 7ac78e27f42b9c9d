package mcs.grammar;

/** A problem in a user's program: what is wrong, where, and optionally how to fix it. */
public record Diagnostic(Severity severity, String message, SourceSpan span, String hint) {

    public enum Severity {
        ERROR, WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Diagnostic error(String message, SourceSpan span) {
        return new Diagnostic(Severity.ERROR, message, span, null);
    }

    public static Diagnostic error(String message, SourceSpan span, String hint) {
        return new Diagnostic(Severity.ERROR, message, span, hint);
    }

    /**
     * Renders as {@code file:line:col: error: message}, then the source line and a caret under
     * the span, then the hint if there is one.
     */
    public String render(SourceText source) {
        StringBuilder out = new StringBuilder();
        out.append(source.name()).append(':').append(span.line()).append(':').append(span.column())
                .append(": ").append(severity.label()).append(": ").append(message).append('\n');
        String line = source.line(span.line());
        if (!line.isEmpty()) {
            out.append("  ").append(line).append('\n');
            out.append("  ");
            for (int i = 1; i < span.column() && i <= line.length(); i++) {
                out.append(line.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            int width = span.endLine() == span.line() ? span.endColumn() - span.column() : 1;
            out.append('^');
            for (int i = 1; i < Math.min(width, Math.max(1, line.length() - span.column() + 1)); i++) {
                out.append('~');
            }
            out.append('\n');
        }
        if (hint != null && !hint.isBlank()) {
            out.append("  hint: ").append(hint).append('\n');
        }
        return out.toString();
    }
}
