package mcs.grammar;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Cuts joined tokens into top-level statements at the separators (line breaks and {@code ;})
 * outside every bracket, so each statement is parsed, and its first error reported, on its own.
 */
final class StatementSplitter {

    /** One top-level statement's tokens, ending with an EOF token; {@code endsText} if last. */
    record Chunk(List<Token> tokens, boolean endsText) {
        Chunk {
            tokens = List.copyOf(tokens);
        }
    }

    private StatementSplitter() { }

    /** Splits tokens that went through {@link LineContinuation#join} and end with EOF. */
    static List<Chunk> split(List<Token> joined) {
        List<Chunk> chunks = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        Brackets brackets = new Brackets();
        for (Token token : joined) {
            int type = token.getType();
            if (type == Token.EOF) {
                close(chunks, current, token, true);
                break;
            }
            if ((type == McsLexer.NEWLINE || type == McsLexer.SEMI) && brackets.isEmpty()) {
                close(chunks, current, token, false);
                current = new ArrayList<>();
            } else {
                brackets.accept(token);
                current.add(token);
            }
        }
        return chunks;
    }

    private static void close(List<Chunk> chunks, List<Token> tokens, Token end, boolean last) {
        if (tokens.isEmpty()) {
            return;
        }
        CommonToken eof = new CommonToken(end);
        eof.setType(Token.EOF);
        eof.setText("<EOF>");
        tokens.add(eof);
        chunks.add(new Chunk(tokens, last));
    }
}
