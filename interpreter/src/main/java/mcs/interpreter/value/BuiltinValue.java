package mcs.interpreter.value;

/**
 * A builtin function named as a value, e.g. the argument of {@code help(prune)} or the stage
 * {@code | summary}. Calls look the function up by name in the session's registry.
 */
public record BuiltinValue(String name, String signature) implements Value {

    @Override
    public String show() {
        return signature;
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public String describe() {
        return "function " + name;
    }
}
