package mcs.interpreter.builtin;

import mcs.interpreter.value.Value;

/** A builtin function: its declaration and what it does with bound arguments. */
public record Builtin(BuiltinSpec spec, Body body) {

    /** The implementation: arguments are already bound, checked and defaulted. */
    @FunctionalInterface
    public interface Body {
        Value call(Args args, CallContext context);
    }

    public String name() {
        return spec.name();
    }
}
