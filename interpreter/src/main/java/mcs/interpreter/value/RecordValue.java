package mcs.interpreter.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code {name: "small", acc: 0.91}}: named fields in the order written. A list of records is
 * a table's rows: {@code table}, {@code report} and {@code plot} take one, a field per column.
 */
public record RecordValue(Map<String, Value> fields) implements Value {

    public RecordValue {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public List<String> names() {
        return List.copyOf(fields.keySet());
    }

    public Optional<Value> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** e.g. {@code {name: "small", acc: 0.9134}}. */
    @Override
    public String show() {
        return fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().showNested())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public String typeName() {
        return "record";
    }
}
