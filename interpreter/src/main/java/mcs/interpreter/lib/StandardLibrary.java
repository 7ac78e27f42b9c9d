package mcs.interpreter.lib;

import mcs.interpreter.builtin.Builtins;

/** Every standard builtin, in the order {@code help()} lists them. */
public final class StandardLibrary {

    private StandardLibrary() {
    }

    /** A new registry holding the standard builtins. */
    public static Builtins builtins() {
        Builtins.Builder b = Builtins.builder();
        DataBuiltins.register(b);
        ModelBuiltins.register(b);
        LayerBuiltins.register(b);
        TrainingBuiltins.register(b);
        PruningBuiltins.register(b);
        MetricBuiltins.register(b);
        OtherBuiltins.register(b);
        return b.build();
    }
}
