package mcs.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import mcs.cli.ReplScanner.Kind;
import mcs.cli.ReplScanner.Token;

/**
 * What the text before the cursor asks to complete, read from its tokens alone:
 * <ul>
 *   <li>{@code :he} a REPL command; {@code :help pr} a builtin; {@code :load sc} a file;</li>
 *   <li>{@code save(m, "out/le} a file path inside a string;</li>
 *   <li>{@code data.tr} a member of a variable;</li>
 *   <li>{@code prune(0.8, schedule=} a symbol the parameter allows;</li>
 *   <li>{@code prune(0.8, sch} an argument: a parameter name ({@code schedule=}), a symbol the
 *       positional parameter allows, a variable or a builtin;</li>
 *   <li>otherwise a name: a variable, a builtin or a keyword.</li>
 * </ul>
 *
 * @param kind     what is completed
 * @param prefix   what has been typed of it
 * @param call     the builtin whose argument list the cursor is in, or null
 * @param param    for {@link Kind#SYMBOL}, the parameter named before {@code =}
 * @param position for {@link Kind#ARGUMENT}, the 0-based positional slot (a piped value
 *                 counts as the first)
 * @param target   for {@link Kind#MEMBER}, the variable before the dot
 */
record CompletionContext(What kind, String prefix, String call, String param, int position,
                         String target) {

    /** The kinds of completion. */
    enum What { COMMAND, HELP_TOPIC, FILE, PATH, MEMBER, SYMBOL, ARGUMENT, NAME }

    /** Reads the context from the text before the cursor. */
    static CompletionContext of(String before) {
        String stripped = before.stripLeading();
        if (stripped.startsWith(":")) {
            return command(stripped);
        }
        List<Token> tokens = ReplScanner.significant(before);
        Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        boolean atEnd = last != null && last.end() == before.length();
        if (atEnd && last.kind() == Kind.OPEN_STRING) {
            return simple(What.PATH, last.text().substring(1));
        }
        String prefix = "";
        if (atEnd && (last.kind() == Kind.NAME || last.kind() == Kind.KEYWORD)) {
            prefix = last.text();
            tokens = tokens.subList(0, tokens.size() - 1);
        } else if (atEnd && last.kind() != Kind.PUNCT) {
            return simple(What.NAME, "");
        }
        int n = tokens.size();
        if (n >= 2 && tokens.get(n - 1).is(".") && tokens.get(n - 2).kind() == Kind.NAME) {
            return new CompletionContext(What.MEMBER, prefix, null, null, -1,
                    tokens.get(n - 2).text());
        }
        return argument(tokens, prefix);
    }

    private static CompletionContext command(String text) {
        int space = text.indexOf(' ');
        if (space < 0) {
            return simple(What.COMMAND, text);
        }
        String name = text.substring(0, space);
        String rest = text.substring(space).stripLeading();
        return switch (name) {
            case ":help", ":h" -> simple(What.HELP_TOPIC, rest);
            case ":load", ":save" -> simple(What.FILE, rest);
            case ":time" -> of(rest);
            default -> simple(What.NAME, rest);
        };
    }

    /** The argument the cursor is in, from the brackets still open before it. */
    private static CompletionContext argument(List<Token> tokens, String prefix) {
        Deque<Frame> open = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Frame top = open.peek();
            if (t.is("(") || t.is("[") || t.is("{")) {
                open.push(Frame.opening(tokens, i));
            } else if ((t.is(")") || t.is("]") || t.is("}")) && top != null) {
                open.pop();
                if (open.peek() != null) {
                    open.peek().seen++;
                }
            } else if (top != null && t.is(",")) {
                top.next();
            } else if (top != null && t.is("=") && top.seen == 1
                    && tokens.get(i - 1).kind() == Kind.NAME) {
                top.named = tokens.get(i - 1).text();
                top.seen = 0;
            } else if (top != null) {
                top.seen++;
            }
        }
        Frame top = open.peek();
        if (top == null || top.call == null || top.seen > 0) {
            return simple(What.NAME, prefix);
        }
        if (top.named != null) {
            return new CompletionContext(What.SYMBOL, prefix, top.call, top.named, -1, null);
        }
        return new CompletionContext(What.ARGUMENT, prefix, top.call, null,
                top.positional + (top.piped ? 1 : 0), null);
    }

    private static CompletionContext simple(What kind, String prefix) {
        return new CompletionContext(kind, prefix, null, null, -1, null);
    }

    /** An open bracket: the call it belongs to, if any, and the argument being written. */
    private static final class Frame {
        final String call;
        final boolean piped;
        int positional;
        String named;
        int seen;

        private Frame(String call, boolean piped) {
            this.call = call;
            this.piped = piped;
        }

        static Frame opening(List<Token> tokens, int at) {
            boolean call = tokens.get(at).is("(") && at > 0
                    && tokens.get(at - 1).kind() == Kind.NAME;
            boolean piped = call && at > 1 && tokens.get(at - 2).is("|");
            return new Frame(call ? tokens.get(at - 1).text() : null, piped);
        }

        /** After a comma: the next argument. */
        void next() {
            if (named == null) {
                positional++;
            }
            named = null;
            seen = 0;
        }
    }
}
