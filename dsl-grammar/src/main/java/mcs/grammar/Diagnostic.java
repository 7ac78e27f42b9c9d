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

    /** How many columns of a source line an error shows at most, around its caret. */
    public static final int WINDOW = 100;
    private static final String ELLIPSIS = "...";

    /**
     * Renders as {@code file:line:col: error: message}, then the source line (at most
     * {@link #WINDOW} columns of it around the caret, cut with {@code ...}) and a caret under
     * the span, then the hint if there is one.
     */
    public String render(SourceText source) {
        StringBuilder out = new StringBuilder();
        out.append(source.name()).append(':').append(span.line()).append(':').append(span.column())
                .append(": ").append(severity.label()).append(": ").append(message).append('\n');
        String whole = source.line(span.line());
        if (!whole.isEmpty()) {
            // a long line shows only a window around the caret, marked with "..." where cut
            int from = Math.max(1, Math.min(span.column() - WINDOW / 3,
                    whole.length() - WINDOW + 1));
            int to = Math.min(whole.length(), from + WINDOW - 1);
            String cutBefore = from > 1 ? ELLIPSIS : "";
            String line = cutBefore + whole.substring(from - 1, to)
                    + (to < whole.length() ? ELLIPSIS : "");
            int column = span.column() - from + 1 + cutBefore.length();
            int lineEnd = to - from + 1 + cutBefore.length();
            out.append("  ").append(line).append('\n');
            out.append("  ");
            for (int i = 1; i < column && i <= line.length(); i++) {
                out.append(line.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            int width = span.endLine() == span.line() ? span.endColumn() - span.column() : 1;
            out.append('^');
            for (int i = 1; i < Math.min(width, Math.max(1, lineEnd - column + 1)); i++) {
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
