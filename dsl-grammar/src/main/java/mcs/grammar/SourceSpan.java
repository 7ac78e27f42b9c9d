package mcs.grammar;

/**
 * A region of source text, 1-based: {@code line}/{@code column} is the first character,
 * {@code endLine}/{@code endColumn} the position just after the last one.
 */
public record SourceSpan(int line, int column, int endLine, int endColumn) {

    public SourceSpan {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("spans are 1-based, got " + line + ":" + column);
        }
    }

    /** A one-character span at the given position. */
    public static SourceSpan at(int line, int column) {
        return new SourceSpan(line, column, line, column + 1);
    }

    /** The smallest span covering this one and {@code other}. */
    public SourceSpan to(SourceSpan other) {
        return new SourceSpan(line, column, other.endLine, other.endColumn);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
