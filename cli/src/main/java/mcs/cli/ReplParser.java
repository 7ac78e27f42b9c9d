package mcs.cli;

import java.util.List;
import mcs.grammar.McsSyntax;
import mcs.grammar.ParseResult;
import mcs.grammar.SourceText;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;

/**
 * Tells JLine when a REPL entry goes on: when Enter is pressed on text that
 * {@link McsSyntax#parse} calls incomplete (an open bracket or string, a trailing {@code |}),
 * it throws {@link EOFError} and JLine asks for another line with the continuation prompt.
 * For completion, the word at the cursor is the name (or {@code :command}) it is in, so
 * {@code summary(len} completes {@code len}. Backslashes are left alone: they are mcs string
 * escapes, not the line editor's.
 */
final class ReplParser implements Parser {

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && incomplete(line)) {
            throw new EOFError(-1, -1, "incomplete entry");
        }
        return Word.at(line, cursor);
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

    /** The name around the cursor, as the one word JLine completes. */
    record Word(String line, int cursor, String word, int wordCursor)
            implements CompletingParsedLine {

        static Word at(String line, int cursor) {
            int start = cursor;
            while (start > 0 && isNamePart(line.charAt(start - 1))) {
                start--;
            }
            if (start > 0 && line.charAt(start - 1) == ':' && line.substring(0, start - 1)
                    .isBlank()) {
                start--;
            }
            int end = cursor;
            while (end < line.length() && isNamePart(line.charAt(end))) {
                end++;
            }
            return new Word(line, cursor, line.substring(start, end), cursor - start);
        }

        private static boolean isNamePart(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
