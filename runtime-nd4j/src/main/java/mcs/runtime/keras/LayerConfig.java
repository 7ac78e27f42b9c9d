package mcs.runtime.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Padding;

/**
 * Reads one layer's Keras config, accepting the Keras 1 spellings too ({@code nb_filter},
 * {@code border_mode}, {@code subsample}, {@code output_dim}, {@code bias}, {@code p}).
 */
record LayerConfig(KerasGraph.Node node) {

    JsonObject json() {
        return node.config();
    }

    String name() {
        return node.name();
    }

    String className() {
        return node.className();
    }

    boolean has(String key) {
        JsonElement e = json().get(key);
        return e != null && !e.isJsonNull();
    }

    int integer(String key, String keras1, int fallback) {
        JsonElement e = get(key, keras1);
        return e == null ? fallback : whole(e, key);
    }

    double number(String key, String keras1, double fallback) {
        JsonElement e = get(key, keras1);
        if (e == null) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw wrong(key, "a number", e);
        }
        return e.getAsDouble();
    }

    boolean flag(String key, String keras1, boolean fallback) {
        JsonElement e = get(key, keras1);
        if (e == null) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrong(key, "true or false", e);
        }
        return e.getAsBoolean();
    }

    String text(String key, String keras1, String fallback) {
        JsonElement e = get(key, keras1);
        return e == null || !e.isJsonPrimitive() ? fallback : e.getAsString();
    }

    /** A pair such as kernel_size or strides: {@code [3, 3]} or {@code 3}; null when absent. */
    int[] pair(String key, String keras1) {
        JsonElement e = get(key, keras1);
        if (e == null) {
            return null;
        }
        if (e.isJsonPrimitive()) {
            int v = whole(e, key);
            return new int[] {v, v};
        }
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw wrong(key, "a number or a list of numbers", e);
        }
        JsonArray a = e.getAsJsonArray();
        return a.size() == 1 ? new int[] {whole(a.get(0), key), whole(a.get(0), key)}
                : new int[] {whole(a.get(0), key), whole(a.get(1), key)};
    }

    /** Conv2D kernel size: {@code kernel_size}, or Keras 1's {@code nb_row} / {@code nb_col}. */
    int[] kernelSize() {
        int[] k = pair("kernel_size", null);
        if (k == null && has("nb_row")) {
            k = new int[] {integer("nb_row", null, 1), integer("nb_col", null, 1)};
        }
        return k;
    }

    Padding padding() {
        String p = text("padding", "border_mode", "valid").toLowerCase(Locale.ROOT);
        return p.equals("same") ? Padding.SAME : p.equals("valid") ? Padding.VALID : null;
    }

    /** True when the data is channels-last, the only layout imported. */
    boolean channelsLast() {
        String f = text("data_format", null, "channels_last");
        String ordering = text("dim_ordering", null, "tf");
        return f.equals("channels_last") && !ordering.equals("th");
    }

    /** The layer's activation name ({@code linear} when none); null for an unknown object. */
    String activationName() {
        JsonElement e = json().get("activation");
        if (e == null || e.isJsonNull()) {
            return "linear";
        }
        if (e.isJsonPrimitive()) {
            return e.getAsString();
        }
        if (!e.isJsonObject()) {
            throw wrong("activation", "a name or an object", e);
        }
        JsonObject o = e.getAsJsonObject();
        JsonObject c = o.has("config") && o.get("config").isJsonObject()
                ? o.getAsJsonObject("config") : null;
        String n = KerasGraph.text(c, "name");
        return n != null ? n : KerasGraph.text(o, "class_name");
    }

    /**
     * The mcs activation for a Keras name, or null when mcs has none that computes the same.
     * {@code hard_sigmoid} is left out: Keras 2 and Keras 3 define it differently.
     */
    static Activation activation(String keras) {
        String k = keras.toLowerCase(Locale.ROOT);
        if (k.equals("linear") || k.equals("identity")) {
            return Activation.LINEAR;
        }
        if (k.equals("hard_sigmoid")) {
            return null;
        }
        String wanted = k.equals("silu") ? "SWISH" : k.toUpperCase(Locale.ROOT);
        for (Activation a : Activation.values()) {
            if (a.name().equals(wanted)) {
                return a;
            }
        }
        return null;
    }

    /**
     * A whole number in int's range; a value of another type or size is refused by name rather
     * than left to Gson, whose conversions throw or truncate.
     */
    private int whole(JsonElement e, String key) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw wrong(key, "a whole number", e);
    }

    private InvalidInputException wrong(String key, String expected, JsonElement e) {
        String shown = e.toString();
        return new InvalidInputException("layer " + name() + ": " + key + " should be "
                + expected + ", not " + (shown.length() > 40 ? shown.substring(0, 40) + "..."
                : shown));
    }

    private JsonElement get(String key, String keras1) {
        JsonElement e = json().get(key);
        if ((e == null || e.isJsonNull()) && keras1 != null) {
            e = json().get(keras1);
        }
        return e == null || e.isJsonNull() ? null : e;
    }
}
