package mcs.grammar;

import java.math.BigDecimal;
import java.util.List;
import mcs.grammar.ast.Expr;
import org.antlr.v4.runtime.Token;

/** The values of number and string tokens; problems in them become diagnostics. */
final class Literals {

    private static final String ESCAPES = "escapes are \\n, \\t, \\\\, \\\" and \\'";

    private Literals() { }

    /** {@code 3}, {@code .5}, {@code 1e-5}, or {@code 80%} (0.8, computed in decimal). */
    static Expr.NumberLit number(Token token, List<Diagnostic> problems) {
        String text = token.getText();
        SourceSpan span = TokenSpans.of(token);
        boolean percent = text.endsWith("%");
        double value;
        try {
            String digits = percent ? text.substring(0, text.length() - 1) : text;
            BigDecimal decimal = new BigDecimal(digits);
            value = (percent ? decimal.movePointLeft(2) : decimal).doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            value = Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(value)) {
            problems.add(Diagnostic.error("number " + text + " is too large", span));
            value = Double.MAX_VALUE;
        }
        return new Expr.NumberLit(value, percent, text, span);
    }

    /** A quoted string with its escapes resolved; an unknown escape is reported and dropped. */
    static Expr.StringLit string(Token token, List<Diagnostic> problems) {
        String text = token.getText();
        int end = token.getType() == McsLexer.STRING ? text.length() - 1 : text.length();
        StringBuilder value = new StringBuilder(end);
        int line = token.getLine();
        int column = token.getCharPositionInLine() + 2;
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < end) {
                char escaped = text.charAt(++i);
                char resolved = resolve(escaped);
                if (resolved == 0) {
                    problems.add(Diagnostic.error(unknownEscape(escaped),
                            new SourceSpan(line, column, line, column + 2), ESCAPES));
                } else {
                    value.append(resolved);
                }
                column++;
                c = escaped;
            } else {
                value.append(c);
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Expr.StringLit(value.toString(), TokenSpans.of(token));
    }

    private static char resolve(char escaped) {
        return switch (escaped) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case '\\', '"', '\'' -> escaped;
            default -> 0;
        };
    }

    private static String unknownEscape(char escaped) {
        return Character.isISOControl(escaped) || Character.isWhitespace(escaped)
                ? "unknown escape: '\\' before " + String.format("U+%04X", (int) escaped)
                : "unknown escape '\\" + escaped + "'";
    }
}
