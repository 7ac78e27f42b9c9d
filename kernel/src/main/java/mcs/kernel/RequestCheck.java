package mcs.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the fields of a request's content against the types the messaging spec gives them,
 * before the kernel acts on it. Without this a wrongly typed field fell back to a default:
 * {@code "code": 12} ran the cell {@code 12} and counted it, {@code "code": ["x = 1"]} ran an
 * empty cell, {@code "silent": "yes"} ran a cell loudly, and a {@code shutdown_request} with
 * {@code "restart": "no"} ended the kernel. Such a request is answered with an error reply
 * ({@code ename} {@value #ENAME}, {@code evalue} naming the field) and nothing else happens.
 * Fields the spec does not name are ignored, as are request types not listed here.
 */
final class RequestCheck {

    /** The {@code ename} of the error reply to a request with a wrongly typed field. */
    static final String ENAME = "BadRequest";

    private enum Kind { STRING, BOOLEAN, INTEGER, OBJECT_OF_STRINGS }

    private record Field(String name, Kind kind, boolean required) { }

    private static Field required(String name, Kind kind) {
        return new Field(name, kind, true);
    }

    private static Field optional(String name, Kind kind) {
        return new Field(name, kind, false);
    }

    private static final Map<String, List<Field>> FIELDS = Map.of(
            "execute_request", List.of(required("code", Kind.STRING),
                    optional("silent", Kind.BOOLEAN), optional("store_history", Kind.BOOLEAN),
                    optional("allow_stdin", Kind.BOOLEAN), optional("stop_on_error", Kind.BOOLEAN),
                    optional("user_expressions", Kind.OBJECT_OF_STRINGS)),
            "complete_request", List.of(required("code", Kind.STRING),
                    optional("cursor_pos", Kind.INTEGER)),
            "inspect_request", List.of(required("code", Kind.STRING),
                    optional("cursor_pos", Kind.INTEGER), optional("detail_level", Kind.INTEGER)),
            "is_complete_request", List.of(required("code", Kind.STRING)),
            "history_request", List.of(optional("hist_access_type", Kind.STRING),
                    optional("output", Kind.BOOLEAN), optional("raw", Kind.BOOLEAN),
                    optional("session", Kind.INTEGER), optional("start", Kind.INTEGER),
                    optional("stop", Kind.INTEGER), optional("n", Kind.INTEGER),
                    optional("pattern", Kind.STRING), optional("unique", Kind.BOOLEAN)),
            "shutdown_request", List.of(optional("restart", Kind.BOOLEAN)));

    private RequestCheck() {
    }

    /** What is wrong with the content of a request of {@code type}; empty when nothing. */
    static Optional<String> problem(String type, JsonObject content) {
        for (Field f : FIELDS.getOrDefault(type, List.of())) {
            JsonElement e = content.get(f.name());
            if (e == null || e.isJsonNull()) {
                if (f.required()) {
                    return Optional.of(type + ": " + f.name() + " is missing");
                }
                continue; // an optional field given as null is as if not given
            }
            if (!is(f.kind(), e)) {
                return Optional.of(type + ": " + f.name() + " must be " + describe(f.kind())
                        + ", not " + describe(e));
            }
        }
        return Optional.empty();
    }

    /** The error reply's content for {@code problem}: status, ename, evalue, traceback. */
    static JsonObject errorContent(String problem) {
        JsonObject o = new ErrorReport(ENAME, problem, List.of(ENAME + ": " + problem))
                .content();
        o.addProperty("status", "error");
        return o;
    }

    private static boolean is(Kind kind, JsonElement e) {
        return switch (kind) {
            case STRING -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
            case BOOLEAN -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
            case INTEGER -> e.isJsonPrimitive() && isInt(e.getAsJsonPrimitive());
            case OBJECT_OF_STRINGS -> e.isJsonObject() && e.getAsJsonObject().entrySet().stream()
                    .allMatch(v -> is(Kind.STRING, v.getValue()));
        };
    }

    private static boolean isInt(JsonPrimitive p) {
        if (!p.isNumber()) {
            return false;
        }
        try {
            new BigDecimal(p.getAsString()).intValueExact();
            return true;
        } catch (ArithmeticException | NumberFormatException e) {
            return false;
        }
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number";
            case OBJECT_OF_STRINGS -> "an object of strings";
        };
    }

    private static String describe(JsonElement e) {
        if (e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isBoolean() ? "a boolean" : "the number " + p;
    }
}
