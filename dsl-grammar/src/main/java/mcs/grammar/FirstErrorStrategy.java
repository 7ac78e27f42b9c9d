package mcs.grammar;

import java.util.Optional;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Records the token at which a statement's first syntax error was found and stops parsing it:
 * no recovery, so no follow-on errors. What was expected there is worked out separately by
 * {@link SyntaxMessages}, since ANTLR's own expected sets are narrowed by its prediction.
 */
final class FirstErrorStrategy extends DefaultErrorStrategy {

    private Token offending;

    Optional<Token> offending() {
        return Optional.ofNullable(offending);
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        stop(e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken());
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw new ParseCancellationException(e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        stop(recognizer.getCurrentToken());
        return null;
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        stop(recognizer.getCurrentToken());
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        stop(recognizer.getCurrentToken());
    }

    private void stop(Token token) {
        if (offending == null) {
            offending = token;
        }
        throw new ParseCancellationException("syntax error at " + TokenSpans.of(token));
    }
}
