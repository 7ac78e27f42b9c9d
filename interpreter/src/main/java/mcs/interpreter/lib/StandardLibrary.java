package mcs.interpreter.lib;

import mcs.interpreter.Output;
import mcs.interpreter.builtin.Builtins;

/** Every standard builtin, in the order {@code help()} lists them. */
public final class StandardLibrary {

    private StandardLibrary() {
    }

    /**
     * A new registry holding the standard builtins; {@code display}, {@code plot} and
     * {@code input} print, write files and read through the calling session.
     */
    public static Builtins builtins() {
        return builtins(null);
    }

    /**
     * Like {@link #builtins()}, but {@code display}, {@code plot} and {@code input} go to
     * {@code display}'s rich methods (a notebook kernel's output), or as {@link #builtins()}
     * when it is null.
     */
    public static Builtins builtins(Output display) {
        Builtins.Builder b = Builtins.builder();
        DataBuiltins.register(b);
        ModelBuiltins.register(b);
        LayerBuiltins.register(b);
        TrainingBuiltins.register(b);
        PruningBuiltins.register(b);
        ClusteringBuiltins.register(b);
        QuantizationBuiltins.register(b);
        MethodBuiltins.register(b);
        MetricBuiltins.register(b);
        SweepTables.register(b);
        SweepBuiltins.register(b);
        ExportBuiltins.register(b);
        FileBuiltins.register(b);
        OtherBuiltins.register(b);
        TextBuiltins.register(b);
        MathBuiltins.register(b);
        DisplayBuiltins.register(b, display);
        return b.build();
    }
}
