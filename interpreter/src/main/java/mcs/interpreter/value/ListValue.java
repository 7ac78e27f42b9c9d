package mcs.interpreter.value;

import java.util.List;
import java.util.stream.Collectors;

/** {@code [a, b, c]}: an immutable list of values. */
public record ListValue(List<Value> elements) implements Value {

    public ListValue {
        elements = List.copyOf(elements);
    }

    public static ListValue of(Value... elements) {
        return new ListValue(List.of(elements));
    }

    public int size() {
        return elements.size();
    }

    public Value get(int i) {
        return elements.get(i);
    }

    @Override
    public String show() {
        return elements.stream().map(Value::showNested).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String typeName() {
        return "list";
    }
}
