package mcs.interpreter.value;

/** The result of calls done for their effect, such as {@code print}; never printed. */
public record Nil() implements Value {

    public static final Nil NIL = new Nil();

    @Override
    public String show() {
        return "";
    }

    @Override
    public String typeName() {
        return "nothing";
    }

    @Override
    public String describe() {
        return "nothing";
    }
}
