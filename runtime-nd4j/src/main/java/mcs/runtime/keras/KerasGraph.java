package mcs.runtime.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.InvalidInputException;

/**
 * A Keras model configuration as a list of layers with the names of the layers feeding each
 * one. Reads Keras 1.x and 2.x JSON ({@code class_name} + {@code config}): a Sequential model
 * whose config is the list of layers (older) or holds it under {@code layers}, and functional
 * models ({@code Model} / {@code Functional}) with {@code inbound_nodes} in the list form
 * ({@code [[["name", 0, 0, {}]]]}) or the newer {@code args} / {@code keras_history} form.
 * In a Sequential model each layer is fed by the one before.
 *
 * @param name the model's name in the configuration
 * @param input the input shape without the batch dimension, as Keras gives it (channels last)
 * @param layers the layers in the order the configuration lists them
 * @param inputName the layer that is the input ({@code null}: the first layer takes the input)
 * @param outputName the layer whose output is the model's output
 */
record KerasGraph(String name, int[] input, List<Node> layers, String inputName,
                  String outputName) {

    /** One layer: Keras class, its name, its config object and the layers feeding it. */
    record Node(String className, String name, JsonObject config, List<String> inbound) {
        Node {
            inbound = List.copyOf(inbound);
        }
    }

    static KerasGraph parse(String json, String source) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new InvalidInputException(source + ": not a Keras model configuration "
                        + "(expected a JSON object with class_name and config)");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidInputException(source + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        try {
            return fromRoot(root, source);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException
                 | IndexOutOfBoundsException | NullPointerException | NumberFormatException e) {
            throw new InvalidInputException(source + ": malformed Keras configuration ("
                    + e.getMessage() + ")", e);
        }
    }

    private static KerasGraph fromRoot(JsonObject root, String source) {
        if (root.has("model_config") && !root.has("class_name")) {
            root = root.getAsJsonObject("model_config");
        }
        String cls = text(root, "class_name");
        JsonElement config = root.get("config");
        if (cls == null || config == null) {
            throw new InvalidInputException(source + ": not a Keras model configuration "
                    + "(no class_name and config)");
        }
        if (cls.equals("Sequential")) {
            return sequential(config, source);
        }
        if (cls.equals("Model") || cls.equals("Functional")) {
            return functional(config.getAsJsonObject(), source);
        }
        throw new InvalidInputException(source + ": a Keras " + cls + " cannot be imported; "
                + "only Sequential and functional (Model) configurations can");
    }

    private static KerasGraph sequential(JsonElement config, String source) {
        JsonArray list = config.isJsonArray() ? config.getAsJsonArray()
                : config.getAsJsonObject().getAsJsonArray("layers");
        String name = config.isJsonObject() ? text(config.getAsJsonObject(), "name") : null;
        if (list == null || list.isEmpty()) {
            throw new InvalidInputException(source + ": the Sequential model has no layers");
        }
        List<Node> nodes = new ArrayList<>();
        String previous = null;
        for (JsonElement e : list) {
            JsonObject l = e.getAsJsonObject();
            String cls = className(l, nodes.size(), source);
            JsonObject c = l.getAsJsonObject("config");
            String n = c != null && text(c, "name") != null ? text(c, "name") : cls + nodes.size();
            nodes.add(new Node(cls, n, c == null ? new JsonObject() : c,
                    previous == null ? List.of() : List.of(previous)));
            previous = n;
        }
        int[] input = inputShape(nodes.get(0).config());
        if (input == null) {
            throw new InvalidInputException(source + ": the first layer does not say its input "
                    + "shape (batch_input_shape)");
        }
        return new KerasGraph(name == null ? "sequential" : name, input, nodes, null, previous);
    }

    private static KerasGraph functional(JsonObject config, String source) {
        List<Node> nodes = new ArrayList<>();
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject l = e.getAsJsonObject();
            JsonObject c = l.getAsJsonObject("config");
            String n = text(l, "name") != null ? text(l, "name") : text(c, "name");
            JsonArray inbound = l.getAsJsonArray("inbound_nodes");
            if (inbound != null && inbound.size() > 1) {
                throw new InvalidInputException(source + ": layer " + n + " is used "
                        + inbound.size() + " times (shared layers cannot be imported)");
            }
            List<String> from = inbound == null || inbound.isEmpty() ? List.of()
                    : inboundNames(inbound.get(0));
            nodes.add(new Node(className(l, nodes.size(), source), n,
                    c == null ? new JsonObject() : c, from));
        }
        List<String> ins = endpoints(config.get("input_layers"));
        List<String> outs = endpoints(config.get("output_layers"));
        if (ins.size() != 1 || outs.size() != 1) {
            throw new InvalidInputException(source + ": the model has " + ins.size()
                    + " inputs and " + outs.size() + " outputs; only models with one input and "
                    + "one output can be imported");
        }
        Node in = nodes.stream().filter(x -> x.name().equals(ins.get(0))).findFirst()
                .orElseThrow(() -> new InvalidInputException(source + ": no input layer "
                        + ins.get(0)));
        int[] shape = inputShape(in.config());
        if (shape == null) {
            throw new InvalidInputException(source + ": input layer " + in.name()
                    + " does not say its shape");
        }
        return new KerasGraph(text(config, "name"), shape, nodes, ins.get(0), outs.get(0));
    }

    /** Names of the layers feeding one call of a layer, in either inbound_nodes format. */
    private static List<String> inboundNames(JsonElement node) {
        List<String> out = new ArrayList<>();
        if (node.isJsonArray()) {
            for (JsonElement t : node.getAsJsonArray()) {
                out.add(t.getAsJsonArray().get(0).getAsString());
            }
        } else {
            collectHistory(node.getAsJsonObject().get("args"), out);
        }
        return out;
    }

    private static void collectHistory(JsonElement e, List<String> out) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return;
        }
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                collectHistory(x, out);
            }
            return;
        }
        JsonObject o = e.getAsJsonObject();
        JsonObject c = o.has("config") && o.get("config").isJsonObject()
                ? o.getAsJsonObject("config") : null;
        if (c != null && c.has("keras_history")) {
            out.add(c.getAsJsonArray("keras_history").get(0).getAsString());
        } else {
            for (String k : o.keySet()) {
                collectHistory(o.get(k), out);
            }
        }
    }

    /** {@code [["input_1", 0, 0]]} or, for a single one, {@code ["input_1", 0, 0]}. */
    private static List<String> endpoints(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e == null || !e.isJsonArray()) {
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        if (!a.isEmpty() && a.get(0).isJsonPrimitive()) {
            out.add(a.get(0).getAsString());
            return out;
        }
        for (JsonElement x : a) {
            out.add(x.getAsJsonArray().get(0).getAsString());
        }
        return out;
    }

    /** The shape without batch from batch_input_shape, batch_shape, input_shape or input_dim. */
    static int[] inputShape(JsonObject c) {
        for (String key : new String[] {"batch_input_shape", "batch_shape"}) {
            if (c.has(key) && c.get(key).isJsonArray()) {
                JsonArray a = c.getAsJsonArray(key);
                return dims(a, 1);
            }
        }
        if (c.has("input_shape") && c.get("input_shape").isJsonArray()) {
            return dims(c.getAsJsonArray("input_shape"), 0);
        }
        if (c.has("input_dim") && !c.get("input_dim").isJsonNull()) {
            return new int[] {c.get("input_dim").getAsInt()};
        }
        return null;
    }

    private static int[] dims(JsonArray a, int from) {
        int[] d = new int[a.size() - from];
        for (int i = from; i < a.size(); i++) {
            if (a.get(i).isJsonNull()) {
                throw new InvalidInputException("the input shape " + a + " has an unknown size "
                        + "(None) besides the batch; mcs needs fixed input sizes");
            }
            d[i - from] = a.get(i).getAsInt();
        }
        return d;
    }

    /** A layer's {@code class_name}, which every layer must have: what it is depends on it. */
    private static String className(JsonObject layer, int index, String source) {
        String cls = text(layer, "class_name");
        if (cls == null) {
            throw new InvalidInputException(source + ": layer " + index + " has no class_name");
        }
        return cls;
    }

    static String text(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
