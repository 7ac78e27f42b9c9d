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
    private final boolean io;

    public UserError(String message, SourceSpan span) {
        this(message, span, null);
    }

    public UserError(String message, SourceSpan span, String hint) {
        this(message, span, hint, false);
    }

    private UserError(String message, SourceSpan span, String hint, boolean io) {
        super(message, null, false, false);
        this.span = span;
        this.hint = hint;
        this.io = io;
    }

    /** A file that could not be read or written (a script then exits with 74, not 65). */
    public static UserError io(String message, SourceSpan span) {
        return new UserError(message, span, null, true);
    }

    /** Whether this is an I/O failure rather than a mistake in the program or its data. */
    public boolean isIo() {
        return io;
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
