package mcs.interpreter.lib;

import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceSpan;
import mcs.interpreter.builtin.Binder;
import mcs.interpreter.builtin.Builtin;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;

/**
 * Calls a builtin from Java as a script's call would: arguments bound and checked by its spec,
 * the first positional one written at {@link #FIRST}, printed lines kept. For values no script
 * can write yet, such as records.
 */
final class BuiltinCall {

    /** Where the first positional argument is written. */
    static final SourceSpan FIRST = new SourceSpan(1, 7, 1, 11);
    private static final SourceSpan CALL = new SourceSpan(1, 1, 1, 30);

    final List<String> printed = new ArrayList<>();
    private final Builtins builtins;

    BuiltinCall(Builtins builtins) {
        this.builtins = builtins;
    }

    /** A positional argument, labelled like a variable when {@code label} is not null. */
    static Binder.Entry arg(Value v, String label) {
        return new Binder.Entry(null, v, FIRST, label);
    }

    static Binder.Entry arg(Value v) {
        return arg(v, null);
    }

    static Binder.Entry named(String name, Value v) {
        return new Binder.Entry(name, v, new SourceSpan(1, 14, 1, 20), null);
    }

    Value call(String name, Binder.Entry... entries) {
        Builtin b = builtins.get(name).orElseThrow();
        CallContext context = new CallContext(name, CALL, printed::add, printed::add,
                ProgressListener.NONE, Cancellation.NEVER, builtins);
        return b.body().call(Binder.bind(b.spec(), List.of(entries), CALL), context);
    }
}
