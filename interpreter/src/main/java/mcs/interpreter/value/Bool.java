package mcs.interpreter.value;

/** {@code true} or {@code false}: what comparisons give and what {@code if} decides on. */
public record Bool(boolean value) implements Value {

    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    public static Bool of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public String show() {
        return value ? "true" : "false";
    }

    @Override
    public String typeName() {
        return "boolean";
    }
}
