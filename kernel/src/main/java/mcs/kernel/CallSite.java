package mcs.kernel;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a position in a cell is, found by a small scan of the text before it (strings and
 * comments skipped): inside a string or comment, or inside the argument list of a call, at
 * which argument, and whether that argument is being given by name ({@code schedule=}).
 *
 * @param function      the function whose argument list encloses the position, or null
 * @param argument      0-based index of the argument, counting a piped value as the first
 * @param namedParam    the parameter named before {@code =} in the current argument, or null
 * @param inLiteral     whether the position is inside a string or a comment
 */
record CallSite(String function, int argument, String namedParam, boolean inLiteral) {

    private static final Pattern NAMED = Pattern.compile("^\\s*([A-Za-z_]\\w*)\\s*=\\s*$");

    /** One open bracket: the call it belongs to (null for lists and blocks). */
    private static final class Frame {
        final String function;
        int argument;
        int argumentStart;

        Frame(String function, int argument, int argumentStart) {
            this.function = function;
            this.argument = argument;
            this.argumentStart = argumentStart;
        }
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The call site at char index {@code pos} of {@code code}. */
    static CallSite at(String code, int pos) {
        Deque<Frame> open = new ArrayDeque<>();
        String word = null;
        char beforeWord = 0;
        char lastChar = 0;
        int i = 0;
        while (i < pos) {
            char c = code.charAt(i);
            int after = skipLiteral(code, i, pos);
            if (after < 0) {
                return new CallSite(null, 0, null, true);
            } else if (after > i) {
                if (c != '#') {
                    lastChar = c;
                    word = null;
                }
                i = after;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < pos && isWordChar(code.charAt(i))) {
                    i++;
                }
                beforeWord = lastChar;
                word = code.substring(start, i);
            } else {
                if (!Character.isWhitespace(c)) {
                    bracket(open, c, word, beforeWord == '|', i);
                    lastChar = c;
                    word = null;
                }
                i++;
            }
        }
        Frame top = open.peek();
        if (top == null || top.function == null) {
            return new CallSite(null, 0, null, false);
        }
        Matcher m = NAMED.matcher(code.substring(top.argumentStart, pos));
        return new CallSite(top.function, top.argument, m.matches() ? m.group(1) : null, false);
    }

    /**
     * Where scanning goes on after a comment or string starting at {@code i}: just after it,
     * {@code i} itself when none starts there, or -1 when it is still open at {@code pos}.
     */
    private static int skipLiteral(String code, int i, int pos) {
        char c = code.charAt(i);
        if (c == '#') {
            int nl = code.indexOf('\n', i);
            return nl < 0 || nl >= pos ? -1 : nl;
        }
        if (c == '"' || c == '\'') {
            int end = stringEnd(code, i, pos);
            return end < 0 ? -1 : end + 1;
        }
        return i;
    }

    private static void bracket(Deque<Frame> open, char c, String word, boolean piped, int i) {
        switch (c) {
            case '(' -> open.push(new Frame(word, piped ? 1 : 0, i + 1));
            case '[', '{' -> open.push(new Frame(null, 0, i + 1));
            case ')', ']', '}' -> {
                if (!open.isEmpty()) {
                    open.pop();
                }
            }
            case ',' -> {
                Frame top = open.peek();
                if (top != null) {
                    top.argument++;
                    top.argumentStart = i + 1;
                }
            }
            default -> { }
        }
    }

    /** The index of the quote closing the string opened at {@code open}, or -1 before pos. */
    private static int stringEnd(String code, int open, int pos) {
        char quote = code.charAt(open);
        for (int i = open + 1; i < pos; i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
