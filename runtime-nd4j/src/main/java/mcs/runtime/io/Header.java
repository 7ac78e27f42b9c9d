package mcs.runtime.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.model.Shape;
import mcs.runtime.quant.QuantSpec;

/**
 * The JSON header of an {@code .mcz} file: the model's name, input shape (channels first),
 * layer graph (each {@link LayerSpec} by {@link RecordJson}), history and activation
 * quantisation, e.g. {@code {"name":"lenet5","input":[1,28,28],"layers":[{"type":"Conv2D",
 * "filters":20,...}],"history":["prune 0.95"],"activations":{}}}.
 */
record Header(String name, Shape input, List<LayerSpec> layers, List<String> history,
              Map<String, QuantSpec> activations) {

    static Header of(Model m) {
        return new Header(m.name(), m.input(), m.specs(), m.history(), m.activations());
    }

    String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.add("input", RecordJson.write(input.dims(), int[].class));
        JsonArray specs = new JsonArray();
        for (LayerSpec s : layers) {
            specs.add(RecordJson.write(s, LayerSpec.class));
        }
        o.add("layers", specs);
        JsonArray h = new JsonArray();
        history.forEach(h::add);
        o.add("history", h);
        JsonObject acts = new JsonObject();
        activations.forEach((k, v) -> acts.add(k, RecordJson.write(v, QuantSpec.class)));
        o.add("activations", acts);
        return o.toString();
    }

    /** The header in {@code json}, checked: at most {@code maxParams} parameters in all. */
    static Header parse(String json, long maxParams) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new InvalidInputException("header: expected a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException | StackOverflowError e) {
            throw new InvalidInputException("header: not valid JSON");
        }
        String name = (String) RecordJson.read(field(o, "name"), String.class, "name");
        Shape input = shape((int[]) RecordJson.read(field(o, "input"), int[].class, "input"),
                maxParams);
        List<LayerSpec> layers = new ArrayList<>();
        JsonElement specs = field(o, "layers");
        if (!specs.isJsonArray() || specs.getAsJsonArray().isEmpty()) {
            throw new InvalidInputException("layers: expected a non-empty list");
        }
        for (int i = 0; i < specs.getAsJsonArray().size(); i++) {
            layers.add((LayerSpec) RecordJson.read(specs.getAsJsonArray().get(i),
                    LayerSpec.class, "layers[" + i + "]"));
        }
        List<String> history = new ArrayList<>();
        for (JsonElement h : array(field(o, "history"), "history")) {
            history.add((String) RecordJson.read(h, String.class, "history"));
        }
        Map<String, QuantSpec> acts = new LinkedHashMap<>();
        JsonElement a = field(o, "activations");
        if (!a.isJsonObject()) {
            throw new InvalidInputException("activations: expected an object");
        }
        for (Map.Entry<String, JsonElement> e : a.getAsJsonObject().entrySet()) {
            acts.put(e.getKey(), (QuantSpec) RecordJson.read(e.getValue(), QuantSpec.class,
                    "activations." + e.getKey()));
        }
        long params = countParams(layers, input, "layers");
        if (params > maxParams) {
            throw new InvalidInputException("the layers hold " + params + " parameters, more "
                    + "than the " + maxParams + " a file may hold (shape too large)");
        }
        return new Header(name, input, layers, history, acts);
    }

    private static Shape shape(int[] dims, long maxParams) {
        long n = 1;
        for (int d : dims) {
            if (d < 1) {
                throw new InvalidInputException("input: dimensions must be positive, got "
                        + java.util.Arrays.toString(dims));
            }
            n *= d;
            if (n > maxParams) {
                throw new InvalidInputException("input: shape too large: "
                        + java.util.Arrays.toString(dims));
            }
        }
        if (dims.length == 0) {
            throw new InvalidInputException("input: no dimensions");
        }
        return Shape.of(dims);
    }

    /**
     * The parameters these layers declare for input {@code in}, counted without allocating;
     * layers holding other layers (a component of type {@code List<LayerSpec>}) are walked
     * as a sequence from the same input. Stops counting past {@code Long.MAX_VALUE / 2}.
     */
    static long countParams(List<LayerSpec> specs, Shape in, String where) {
        long total = 0;
        Shape s = in;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            String at = where + "[" + i + "]";
            try {
                for (ParamDecl p : spec.params(s)) {
                    total = saturatedAdd(total, TensorCodec.count(p.shape()));
                }
                for (List<LayerSpec> body : bodies(spec)) {
                    total = saturatedAdd(total, countParams(body, s, at));
                }
                s = spec.outputShape(s);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new InvalidInputException(at + ": " + e.getMessage());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at + " (" + spec.describe() + "): "
                        + e.getMessage());
            }
        }
        return total;
    }

    private static List<List<LayerSpec>> bodies(LayerSpec spec) {
        List<List<LayerSpec>> out = new ArrayList<>();
        for (RecordComponent c : spec.getClass().getRecordComponents()) {
            Type t = c.getGenericType();
            if (t instanceof ParameterizedType p && p.getRawType() == List.class
                    && p.getActualTypeArguments()[0] == LayerSpec.class) {
                try {
                    @SuppressWarnings("unchecked")
                    List<LayerSpec> body = (List<LayerSpec>) c.getAccessor().invoke(spec);
                    out.add(body);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < 0 || b < 0 ? Long.MAX_VALUE / 2 : Math.min(s, Long.MAX_VALUE / 2);
    }

    private static JsonElement field(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new InvalidInputException("header: missing " + name);
        }
        return e;
    }

    private static JsonArray array(JsonElement e, String what) {
        if (!e.isJsonArray()) {
            throw new InvalidInputException(what + ": expected a list");
        }
        return e.getAsJsonArray();
    }
}
