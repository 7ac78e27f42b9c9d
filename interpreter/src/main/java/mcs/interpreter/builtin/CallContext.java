package mcs.interpreter.builtin;

import java.util.function.Consumer;
import mcs.grammar.SourceSpan;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;

/**
 * What a builtin may use besides its arguments: where printing and notices go, the progress
 * listener and cancellation token for long work, the registry (for {@code help}), and the span
 * of the call for errors about the call as a whole.
 */
public record CallContext(String function, SourceSpan span, Consumer<String> printer,
                          Consumer<String> notices, ProgressListener progress,
                          Cancellation cancel, Builtins builtins) {

    public void print(String text) {
        printer.accept(text);
    }

    public void notice(String text) {
        notices.accept(text);
    }

    /** An error about the call as a whole, prefixed with the function's name. */
    public UserError error(String message) {
        return new UserError(function + ": " + message, span);
    }
}
