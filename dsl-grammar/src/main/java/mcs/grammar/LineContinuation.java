package mcs.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Drops the line breaks that do not end a statement, so the grammar only sees separators.
 *
 * <p>A NEWLINE token is dropped when it is inside {@code ( )} or {@code [ ]} (inside {@code { }}
 * line breaks separate statements as usual), when the last kept token is {@code |} (a line
 * ending in {@code |} continues), when the next token that is not a line break is {@code |} (a
 * line starting with {@code |} continues the pipeline above; comments are already gone, so blank
 * and comment lines may come between), when the next such token is {@code else} (so
 * {@code else} may start the line after an {@code if} block's closing brace), and when it would follow another line break or begin the
 * text (blank lines).
 */
final class LineContinuation {

    private LineContinuation() { }

    /** The tokens of a whole text, ending with EOF, without the line breaks that continue. */
    static List<Token> join(List<Token> tokens) {
        List<Token> kept = new ArrayList<>(tokens.size());
        Brackets brackets = new Brackets();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getType() != McsLexer.NEWLINE) {
                brackets.accept(token);
                kept.add(token);
            } else if (endsLine(kept, brackets) && nextType(tokens, i) != McsLexer.PIPE
                    && nextType(tokens, i) != McsLexer.ELSE) {
                kept.add(token);
            }
        }
        return kept;
    }

    private static boolean endsLine(List<Token> kept, Brackets brackets) {
        if (kept.isEmpty() || brackets.insideGroup()) {
            return false;
        }
        int previous = kept.get(kept.size() - 1).getType();
        return previous != McsLexer.NEWLINE && previous != McsLexer.PIPE;
    }

    private static int nextType(List<Token> tokens, int newline) {
        for (int i = newline + 1; i < tokens.size(); i++) {
            if (tokens.get(i).getType() != McsLexer.NEWLINE) {
                return tokens.get(i).getType();
            }
        }
        return Token.EOF;
    }
}
