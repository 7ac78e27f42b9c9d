package mcs.grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns a {@link SyntaxError} into a diagnostic a user can act on: "unexpected ')'", "expected
 * an expression after '='", "missing ')' to close '(' at 1:5", never ANTLR's token names.
 */
final class SyntaxMessages {

    private static final int[] WANTED_TOKENS = {
        McsLexer.ASSIGN, McsLexer.IN, McsLexer.LBRACE, McsLexer.COLON, McsLexer.ELSE,
        McsLexer.COMMA, McsLexer.RPAREN, McsLexer.RBRACK, McsLexer.RBRACE,
    };
    /** Token types tried after the good prefix; NUMBER stands for any expression. */
    private static final int[] CANDIDATES = {
        Token.EOF, McsLexer.NUMBER, McsLexer.IDENT, McsLexer.PIPE, McsLexer.DOT, McsLexer.LPAREN,
        McsLexer.LBRACK, McsLexer.ASSIGN, McsLexer.IN, McsLexer.LBRACE, McsLexer.COLON,
        McsLexer.ELSE, McsLexer.COMMA,
        McsLexer.RPAREN, McsLexer.RBRACK, McsLexer.RBRACE,
    };
    private static final String SEPARATE = "separate statements with a new line or ';'";

    private SyntaxMessages() { }

    /** The diagnostic for the first error in {@code chunk}, the tokens of one statement. */
    static Diagnostic describe(Token bad, List<Token> chunk) {
        int type = bad.getType();
        if (type == McsLexer.ERROR_CHAR) {
            return Diagnostic.error("unexpected character " + character(bad.getText()),
                    TokenSpans.of(bad));
        }
        Optional<Token> previous = previous(chunk, bad);
        if (previous.isPresent() && glued(previous.get(), bad)) {
            return Diagnostic.error("malformed number '" + previous.get().getText() + bad.getText()
                    + "'", TokenSpans.of(previous.get(), bad));
        }
        IntervalSet expected = acceptable(chunk, bad);
        return bracketProblem(bad, chunk, previous, expected)
                .orElseGet(() -> expectation(bad, previous, expected));
    }

    /** An unclosed, mismatched or unmatched bracket, if that is what went wrong. */
    private static Optional<Diagnostic> bracketProblem(Token bad, List<Token> chunk,
                                                       Optional<Token> previous,
                                                       IntervalSet expected) {
        int type = bad.getType();
        Brackets open = bracketsBefore(chunk, bad);
        Optional<Token> unclosed = open.innermost()
                .filter(opener -> expected.contains(Brackets.closerOf(opener.getType())));
        if (unclosed.isPresent() && previous.isPresent()) {
            Token opener = unclosed.get();
            String closer = "'" + Brackets.literal(Brackets.closerOf(opener.getType())) + "'";
            String where = "'" + opener.getText() + "' at " + TokenSpans.of(opener);
            if (Brackets.isCloser(type)) {
                return Optional.of(Diagnostic.error("mismatched " + show(bad) + ": expected "
                        + closer + " to close " + where, TokenSpans.of(bad)));
            }
            if (nothingHere(bad) || bad.getLine() > opener.getLine()) {
                return Optional.of(Diagnostic.error("missing " + closer + " to close " + where,
                        TokenSpans.after(previous.get())));
            }
        }
        if (Brackets.isCloser(type) && !open.isOpen(Brackets.openerOf(type))) {
            return Optional.of(Diagnostic.error("unexpected " + show(bad) + " with no matching '"
                    + Brackets.literal(Brackets.openerOf(type)) + "'", TokenSpans.of(bad)));
        }
        return Optional.empty();
    }

    /** "expected X after Y" where something is missing, else "unexpected Z, expected X". */
    private static Diagnostic expectation(Token bad, Optional<Token> previous,
                                          IntervalSet expected) {
        String wanted = wanted(expected);
        String hint = hint(expected, wanted, bad.getType());
        if (nothingHere(bad)) {
            String what = "expected " + (wanted == null ? "more" : wanted);
            return previous
                    .map(p -> Diagnostic.error(what + " after " + show(p), TokenSpans.after(p),
                            hint))
                    .orElseGet(() -> Diagnostic.error(what, TokenSpans.of(bad), hint));
        }
        String message = "unexpected " + show(bad) + (wanted == null ? "" : ", expected " + wanted);
        return Diagnostic.error(message, TokenSpans.of(bad), hint);
    }

    /** The statement or line ended where something else was needed. */
    private static boolean nothingHere(Token bad) {
        return bad.getType() == Token.EOF || bad.getType() == McsLexer.NEWLINE;
    }

    /**
     * The token types that could take the place of {@code bad}: each candidate is put after the
     * tokens before {@code bad} and kept when the parser gets past it. This is exact, unlike the
     * expected sets ANTLR reports after its prediction settled for a loop exit.
     */
    private static IntervalSet acceptable(List<Token> chunk, Token bad) {
        List<Token> prefix = new ArrayList<>();
        for (Token token : chunk) {
            if (token == bad) {
                break;
            }
            prefix.add(new CommonToken(token));
        }
        IntervalSet acceptable = new IntervalSet();
        for (int type : CANDIDATES) {
            List<Token> tokens = new ArrayList<>(prefix);
            CommonToken probe = new CommonToken(bad);
            probe.setType(type);
            probe.setText(type == McsLexer.NUMBER ? "0" : type == McsLexer.IDENT ? "x" : "?");
            tokens.add(probe);
            if (type != Token.EOF) {
                CommonToken eof = new CommonToken(bad);
                eof.setType(Token.EOF);
                tokens.add(eof);
            }
            Optional<Token> error = StatementParser.parse(tokens).error();
            if (error.isEmpty() || error.get() != probe) {
                acceptable.add(type);
            }
        }
        return acceptable;
    }

    /** What the grammar wanted, in words, or null when it only wanted the statement to end. */
    private static String wanted(IntervalSet expected) {
        List<String> parts = new ArrayList<>();
        if (expected.contains(McsLexer.NUMBER)) {
            parts.add("an expression");
        } else if (expected.contains(McsLexer.IDENT)) {
            parts.add("a name");
        }
        boolean expression = expected.contains(McsLexer.NUMBER);
        for (int type : WANTED_TOKENS) {
            // a '{' where an expression may stand opens a record: "an expression" says it
            if (expected.contains(type) && !(expression && type == McsLexer.LBRACE)) {
                parts.add("'" + Brackets.literal(type) + "'");
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        String last = parts.remove(parts.size() - 1);
        return parts.isEmpty() ? last : String.join(", ", parts) + " or " + last;
    }

    private static String hint(IntervalSet expected, String wanted, int type) {
        if (wanted == null && expected.contains(Token.EOF)) {
            return SEPARATE;
        }
        if ((type == McsLexer.NEWLINE || type == Token.EOF) && "'{'".equals(wanted)) {
            return "a block's '{' goes on the same line as its 'for', 'if', 'else' or 'def'";
        }
        return null;
    }

    /** {@code 3x}, {@code 1e}, {@code 1.2.3}: a number with a name or number stuck to it. */
    private static boolean glued(Token number, Token bad) {
        SourceSpan end = TokenSpans.after(number);
        return number.getType() == McsLexer.NUMBER
                && (bad.getType() == McsLexer.IDENT || bad.getType() == McsLexer.NUMBER)
                && end.line() == bad.getLine() && end.column() == bad.getCharPositionInLine() + 1;
    }

    /** The last token before {@code bad} that is not a line break. */
    private static Optional<Token> previous(List<Token> chunk, Token bad) {
        Token found = null;
        for (Token token : chunk) {
            if (token == bad) {
                break;
            }
            if (token.getType() != McsLexer.NEWLINE) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Brackets bracketsBefore(List<Token> chunk, Token bad) {
        Brackets brackets = new Brackets();
        for (Token token : chunk) {
            if (token == bad) {
                break;
            }
            brackets.accept(token);
        }
        return brackets;
    }

    /** A token as users see it: {@code 'x'}, "end of line", "end of input". */
    static String show(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of input";
            case McsLexer.NEWLINE -> "end of line";
            default -> quote(token.getText());
        };
    }

    private static String quote(String text) {
        int newline = text.indexOf('\n');
        String shown = newline >= 0 ? text.substring(0, newline) + "..." : text;
        return "'" + (shown.length() > 24 ? shown.substring(0, 21) + "..." : shown) + "'";
    }

    private static String character(String text) {
        int c = text.codePointAt(0);
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", c) : "'" + text + "'";
    }
}
