package mcs.kernel;

import mcs.interpreter.builtin.Builtin;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.Value;

/**
 * The standard builtins as the kernel runs them: rich ones ({@code display}, {@code plot},
 * {@code input}) bound to the kernel's output, every builtin's printing sent to the cell's
 * stdout stream (so only expression values reach {@link KernelOutput#print}), and each returned
 * value noted so a printed table can be shown as HTML.
 */
final class KernelBuiltins {

    private KernelBuiltins() {
    }

    static Builtins create(KernelOutput out) {
        Builtins standard = StandardLibrary.builtins(out);
        Builtins.Builder b = Builtins.builder();
        for (String name : standard.names()) {
            Builtin builtin = standard.get(name).orElseThrow();
            b.add(builtin.spec(), (args, context) -> {
                CallContext redirected = new CallContext(context.function(), context.span(),
                        out::stdout, context.notices(), context.progress(), context.cancel(),
                        context.builtins());
                Value v = builtin.body().call(args, redirected);
                out.returned(v);
                return v;
            });
        }
        return b.build();
    }
}
