package mcs.interpreter.value;

/** A string. Shows as its text; quoted in lists and error messages. */
public record Str(String value) implements Value {

    public Str {
        if (value == null) {
            throw new IllegalArgumentException("value is required");
        }
    }

    @Override
    public String show() {
        return value;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String showNested() {
        return quote(value);
    }

    @Override
    public String describe() {
        String q = quote(value);
        return "string " + (q.length() > 40 ? q.substring(0, 36) + "...\"" : q);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
