package mcs.grammar;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * The brackets {@code ( [ {} still open while reading tokens left to right. A closer closes the
 * innermost opener of its kind (and any openers inside it); a closer with no opener of its kind
 * is ignored here, the parser reports it.
 */
final class Brackets {

    private final Deque<Token> open = new ArrayDeque<>();

    /** Takes the next token into account. */
    void accept(Token token) {
        int type = token.getType();
        if (isOpener(type)) {
            open.push(token);
        } else if (isCloser(type) && isOpen(openerOf(type))) {
            while (open.pop().getType() != openerOf(type)) {
                // openers inside the one being closed are closed with it
            }
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    int depth() {
        return open.size();
    }

    /** The opener closed next, if any. */
    Optional<Token> innermost() {
        return Optional.ofNullable(open.peek());
    }

    /** Whether an opener of this token type is open. */
    boolean isOpen(int openerType) {
        return open.stream().anyMatch(token -> token.getType() == openerType);
    }

    /** Inside {@code ( )} or {@code [ ]}, where line breaks do not end statements. */
    boolean insideGroup() {
        return !open.isEmpty() && open.peek().getType() != McsLexer.LBRACE;
    }

    static boolean isOpener(int type) {
        return type == McsLexer.LPAREN || type == McsLexer.LBRACK || type == McsLexer.LBRACE;
    }

    static boolean isCloser(int type) {
        return type == McsLexer.RPAREN || type == McsLexer.RBRACK || type == McsLexer.RBRACE;
    }

    static int closerOf(int openerType) {
        return switch (openerType) {
            case McsLexer.LPAREN -> McsLexer.RPAREN;
            case McsLexer.LBRACK -> McsLexer.RBRACK;
            case McsLexer.LBRACE -> McsLexer.RBRACE;
            default -> throw new IllegalArgumentException("not an opener: " + openerType);
        };
    }

    static int openerOf(int closerType) {
        return switch (closerType) {
            case McsLexer.RPAREN -> McsLexer.LPAREN;
            case McsLexer.RBRACK -> McsLexer.LBRACK;
            case McsLexer.RBRACE -> McsLexer.LBRACE;
            default -> throw new IllegalArgumentException("not a closer: " + closerType);
        };
    }

    /** The literal text of a token type, such as {@code )}, for messages. */
    static String literal(int type) {
        String quoted = McsLexer.VOCABULARY.getLiteralName(type);
        return quoted == null ? McsLexer.VOCABULARY.getDisplayName(type)
                : quoted.substring(1, quoted.length() - 1);
    }
}
