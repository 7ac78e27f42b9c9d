package mcs.interpreter.builtin;

import mcs.grammar.Diagnostic;
import mcs.grammar.SourceSpan;

/**
 * A mistake in the user's program found while running it: becomes a {@link Diagnostic} at the
 * span of the most relevant node. Never a bug in mcs, so it carries no stack trace.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceSpan span;
    private final String hint;

    public UserError(String message, SourceSpan span) {
        this(message, span, null);
    }

    public UserError(String message, SourceSpan span, String hint) {
        super(message, null, false, false);
        this.span = span;
        this.hint = hint;
    }

    public SourceSpan span() {
        return span;
    }

    public String hint() {
        return hint;
    }

    public Diagnostic diagnostic() {
        return Diagnostic.error(getMessage(), span, hint);
    }
}
