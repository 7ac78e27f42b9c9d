package mcs.cli;

import mcs.grammar.McsSyntax;
import mcs.grammar.ParseResult;
import mcs.grammar.SourceText;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when a REPL entry goes on: when Enter is pressed on text that
 * {@link McsSyntax#parse} calls incomplete (an open bracket or string, a trailing {@code |}),
 * it throws {@link EOFError} and JLine asks for another line with the continuation prompt.
 * Words for completion come from JLine's default parser. Backslashes are left alone: they are
 * mcs string escapes, not the line editor's.
 */
final class ReplParser implements Parser {

    private final DefaultParser words = new DefaultParser();

    ReplParser() {
        words.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && incomplete(line)) {
            throw new EOFError(-1, -1, "incomplete entry");
        }
        return words.parse(line, cursor, context);
    }

    /** Whether more lines could complete {@code entry}; REPL commands are always complete. */
    static boolean incomplete(String entry) {
        return !entry.strip().startsWith(":")
                && McsSyntax.parse(new SourceText(Repl.SOURCE_NAME, entry))
                instanceof ParseResult.Incomplete;
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }
}
