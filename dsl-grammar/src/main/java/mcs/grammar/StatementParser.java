package mcs.grammar;

import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Parses the tokens of one statement (ending with EOF) into a tree, or finds its first error. */
final class StatementParser {

    /** Either a tree, or the token at which the first syntax error was found. */
    record Outcome(Optional<McsParser.SingleStatementContext> tree, Optional<Token> error) { }

    private StatementParser() { }

    static Outcome parse(List<Token> tokens) {
        McsParser parser = new McsParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        FirstErrorStrategy errors = new FirstErrorStrategy();
        parser.setErrorHandler(errors);
        McsParser.SingleStatementContext tree = null;
        try {
            tree = parser.singleStatement();
        } catch (ParseCancellationException stopped) {
            // the strategy has recorded where
        }
        Optional<Token> error = errors.offending();
        return new Outcome(error.isPresent() ? Optional.empty() : Optional.of(tree), error);
    }
}
