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
 * or on a {@code %%java} block not yet ended by a blank line or a line {@code %%}, it throws
 * {@link EOFError} and JLine asks for another line with the continuation prompt.
 * For completion, the word at the cursor is the name (or {@code :command}) it is in, so
 * {@code summary(len} completes {@code len}; inside a string or after {@code :load} it is the
 * path typed so far. Backslashes are left alone: they are mcs string escapes, not the line
 * editor's.
 */
final class ReplParser implements Parser {

    static final String JAVA_BLOCK = "%%java";
    static final String BLOCK_END = "%%";

    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && incomplete(line)) {
            throw new EOFError(-1, -1, "incomplete entry");
        }
        return Word.at(line, cursor);
    }

    /** Whether more lines could complete {@code entry}; REPL commands are always complete. */
    static boolean incomplete(String entry) {
        String text = entry.strip();
        if (text.startsWith(":") || text.startsWith("%java")) {
            return false;
        }
        if (text.startsWith(JAVA_BLOCK)) {
            return !javaBlockEnded(entry);
        }
        return McsSyntax.parse(new SourceText(Repl.SOURCE_NAME, entry))
                instanceof ParseResult.Incomplete;
    }

    /** A {@code %%java} block ends with a blank line or a line {@code %%}. */
    private static boolean javaBlockEnded(String entry) {
        int newline = entry.lastIndexOf('\n');
        if (newline < 0) {
            return false;
        }
        String lastLine = entry.substring(newline + 1).strip();
        return lastLine.isEmpty() || lastLine.equals(BLOCK_END);
    }

    /** The entry to run: a {@code %%java} block without its closing {@code %%} line. */
    static String withoutBlockEnd(String entry) {
        if (!entry.strip().startsWith(JAVA_BLOCK)) {
            return entry;
        }
        String text = entry.stripTrailing();
        int newline = text.lastIndexOf('\n');
        return newline >= 0 && text.substring(newline + 1).strip().equals(BLOCK_END)
                ? text.substring(0, newline) : text;
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The word around the cursor, as the one word JLine completes. */
    record Word(String line, int cursor, String word, int wordCursor)
            implements CompletingParsedLine {

        static Word at(String line, int cursor) {
            CompletionContext.What kind = CompletionContext.of(line.substring(0, cursor)).kind();
            if (kind == CompletionContext.What.PATH || kind == CompletionContext.What.FILE) {
                String typed = CompletionContext.of(line.substring(0, cursor)).prefix();
                return new Word(line, cursor, typed, typed.length());
            }
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
            return ReplScanner.isNamePart(c) || c == '+';
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
