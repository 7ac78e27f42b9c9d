package mcs.cli;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the line being typed: keywords bold blue, builtin names cyan, numbers magenta,
 * strings green, comments grey, REPL commands and {@code %java} magics bold. Names after a dot
 * are members, not builtins; Java snippets are left uncoloured after their magic. Works from {@link ReplScanner}'s tokens, so half-typed
 * text colours as well as finished text.
 */
final class ReplHighlighter implements Highlighter {

    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle BUILTIN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle NUMBER =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle COMMENT =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT).italic();
    static final AttributedStyle COMMAND = AttributedStyle.BOLD;

    private final Predicate<String> isBuiltin;

    /** @param isBuiltin whether a name is a builtin (coloured as one) */
    ReplHighlighter(Predicate<String> isBuiltin) {
        this.isBuiltin = isBuiltin;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return highlight(buffer);
    }

    AttributedString highlight(String buffer) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        String stripped = buffer.stripLeading();
        int lead = buffer.length() - stripped.length();
        if (stripped.startsWith(":") || stripped.startsWith("%")) {
            int end = lead;
            while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
                end++;
            }
            out.append(buffer.substring(0, lead));
            out.styled(COMMAND, buffer.substring(lead, end));
            if (stripped.startsWith("%") || !stripped.startsWith(":time")) {
                return out.append(buffer.substring(end)).toAttributedString();
            }
            return out.append(code(buffer.substring(end))).toAttributedString();
        }
        return code(buffer);
    }

    private AttributedString code(String text) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        ReplScanner.Token previous = null;
        for (ReplScanner.Token t : ReplScanner.scan(text)) {
            boolean member = previous != null && previous.is(".");
            AttributedStyle style = member ? null : style(t);
            if (t.kind() != ReplScanner.Kind.SPACE && t.kind() != ReplScanner.Kind.COMMENT) {
                previous = t;
            }
            if (style == null) {
                out.append(t.text());
            } else {
                out.styled(style, t.text());
            }
        }
        return out.toAttributedString();
    }

    private AttributedStyle style(ReplScanner.Token t) {
        return switch (t.kind()) {
            case KEYWORD -> KEYWORD;
            case NAME -> isBuiltin.test(t.text()) ? BUILTIN : null;
            case NUMBER -> NUMBER;
            case STRING, OPEN_STRING -> STRING;
            case COMMENT -> COMMENT;
            default -> null;
        };
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
        // no error marking while typing: the session reports errors with their position
    }

    @Override
    public void setErrorIndex(int errorIndex) {
        // as above
    }
}
