package mcs.interpreter.value;

/**
 * A symbol such as {@code int8}, {@code poly} or {@code relu}: a bare name in argument position
 * that the parameter accepts as one of its allowed values.
 */
public record Sym(String name) implements Value {

    @Override
    public String show() {
        return name;
    }

    @Override
    public String typeName() {
        return "symbol";
    }
}
