package mcs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mcs.interpreter.Session;

/**
 * A forgiving scanner of REPL text for colouring and completion: it never fails, keeps every
 * character (so the tokens tile the text), and marks a string still open at the end. Parsing
 * proper (and its errors) stays with the grammar module; this only has to agree with it on
 * where names, numbers, strings and comments are.
 */
final class ReplScanner {

    /** What a run of characters is. */
    enum Kind { KEYWORD, NAME, NUMBER, STRING, OPEN_STRING, COMMENT, PUNCT, SPACE }

    /** One token: its kind and where it lies, {@code [start, end)}. */
    record Token(Kind kind, int start, int end, String text) {
        boolean is(String punctuation) {
            return kind == Kind.PUNCT && text.equals(punctuation);
        }
    }

    static final Set<String> KEYWORDS = Session.keywords();

    private ReplScanner() {
    }

    /** The tokens of {@code text}, spaces and newlines included. */
    static List<Token> scan(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = tokenEnd(text, i);
            tokens.add(new Token(kind(text, i, end), i, end, text.substring(i, end)));
            i = end;
        }
        return tokens;
    }

    /** The tokens that carry meaning (no spaces or comments). */
    static List<Token> significant(String text) {
        return scan(text).stream()
                .filter(t -> t.kind() != Kind.SPACE && t.kind() != Kind.COMMENT).toList();
    }

    private static int tokenEnd(String text, int i) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
            int j = i;
            while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            return j;
        } else if (c == '#') {
            int newline = text.indexOf('\n', i);
            return newline < 0 ? text.length() : newline;
        } else if (c == '"' || c == '\'') {
            return stringEnd(text, i);
        } else if (Character.isDigit(c) || c == '.' && i + 1 < text.length()
                && Character.isDigit(text.charAt(i + 1))) {
            return numberEnd(text, i);
        } else if (isNameStart(c)) {
            int j = i + 1;
            while (j < text.length() && isNamePart(text.charAt(j))) {
                j++;
            }
            return text.startsWith("++", j) ? j + 2 : j;
        }
        return i + 1;
    }

    private static int stringEnd(String text, int i) {
        char quote = text.charAt(i);
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return text.length();
    }

    private static int numberEnd(String text, int i) {
        int j = i;
        while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
            j++;
        }
        if (j < text.length() && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < text.length() && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            if (k < text.length() && Character.isDigit(text.charAt(k))) {
                j = k;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
            }
        }
        return j < text.length() && text.charAt(j) == '%' ? j + 1 : j;
    }

    private static Kind kind(String text, int start, int end) {
        char c = text.charAt(start);
        if (Character.isWhitespace(c)) {
            return Kind.SPACE;
        } else if (c == '#') {
            return Kind.COMMENT;
        } else if (c == '"' || c == '\'') {
            boolean closed = end - start >= 2 && text.charAt(end - 1) == c
                    && !escaped(text, start, end - 1);
            return closed ? Kind.STRING : Kind.OPEN_STRING;
        } else if (isNameStart(c)) {
            return KEYWORDS.contains(text.substring(start, end)) ? Kind.KEYWORD : Kind.NAME;
        } else if (Character.isDigit(c) || c == '.' && end - start > 1) {
            return Kind.NUMBER;
        }
        return Kind.PUNCT;
    }

    /** Whether the quote at {@code at} is escaped, counting backslashes after the opening one. */
    private static boolean escaped(String text, int start, int at) {
        int j = start + 1;
        while (j < at) {
            j += text.charAt(j) == '\\' ? 2 : 1;
        }
        return j != at;
    }

    static boolean isNameStart(char c) {
        return c < 128 && (Character.isLetter(c) || c == '_');
    }

    static boolean isNamePart(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
