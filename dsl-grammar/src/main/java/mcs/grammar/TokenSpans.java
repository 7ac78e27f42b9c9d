package mcs.grammar;

import org.antlr.v4.runtime.Token;

/** Where tokens are in the source, as 1-based {@link SourceSpan}s. */
final class TokenSpans {

    private TokenSpans() { }

    /** The span of one token; a token may cover several lines (a string with line breaks). */
    static SourceSpan of(Token token) {
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 1;
        if (token.getType() == Token.EOF) {
            return SourceSpan.at(line, column);
        }
        String text = token.getText();
        int endLine = line;
        int endColumn = column;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                endLine++;
                endColumn = 1;
            } else {
                endColumn++;
            }
        }
        return new SourceSpan(line, column, endLine, endColumn);
    }

    /** From the first character of {@code start} to just after {@code stop}. */
    static SourceSpan of(Token start, Token stop) {
        return of(start).to(of(stop));
    }

    /** A one-character span just after {@code token}: where something is missing. */
    static SourceSpan after(Token token) {
        SourceSpan span = of(token);
        return SourceSpan.at(span.endLine(), span.endColumn());
    }
}
