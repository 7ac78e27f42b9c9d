package mcs.runtime.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;

/**
 * What mcs needs from a Keras HDF5 file, read at once and the file closed: the model
 * configuration (if the file holds a full model) and every layer's weights, in the order of
 * the {@code layer_names} / {@code weight_names} attributes. Full models keep weights under
 * {@code model_weights}; weights-only files at the root.
 */
record H5File(Path path, String modelConfig, Map<String, List<Weight>> weights) {

    /** One stored weight array: its Keras name ({@code dense_1/kernel:0}), shape and values. */
    record Weight(String name, int[] shape, float[] values) {
        /** The last part of the name without the {@code :0}: {@code kernel}, {@code dense_1_W}. */
        String shortName() {
            String s = name.substring(name.lastIndexOf('/') + 1);
            int colon = s.indexOf(':');
            return colon < 0 ? s : s.substring(0, colon);
        }
    }

    static H5File read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path + ": no such file");
        }
        try (HdfFile h = open(path)) {
            String config = stringAttribute(h, "model_config");
            Node mw = h.getChildren().get("model_weights");
            Group root = mw instanceof Group g ? g : h;
            return new H5File(path, config, readWeights(path, root));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path + ": not a readable Keras HDF5 file ("
                    + describe(e) + ")", e);
        }
    }

    /**
     * The file mapped into memory: jhdf then reads each part as a slice of the mapping, so a size
     * in a damaged file that reaches past its end fails there, where reading from a channel first
     * allocates a buffer of that size (gigabytes for a few changed bytes). A file too large to
     * map in one piece is read from its channel.
     */
    private static HdfFile open(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() <= Integer.MAX_VALUE) {
                return HdfFile.fromByteBuffer(
                        channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
            }
        }
        return new HdfFile(path);
    }

    private static Map<String, List<Weight>> readWeights(Path path, Group root) {
        List<String> layers = strings(root, "layer_names");
        if (layers == null) {
            throw new InvalidInputException(path + ": no Keras weights in this HDF5 file (it has"
                    + " no layer_names attribute" + (root.getParent() == null
                    ? " at the root and no model_weights group)" : ")"));
        }
        Map<String, List<Weight>> out = new LinkedHashMap<>();
        for (String layer : layers) {
            Node n = root.getChildren().get(layer);
            if (!(n instanceof Group g)) {
                throw new InvalidInputException(path + ": layer " + layer
                        + " is listed in layer_names but has no group of weights");
            }
            List<String> names = strings(g, "weight_names");
            List<Weight> ws = new ArrayList<>();
            for (String wn : names == null ? List.<String>of() : names) {
                ws.add(readWeight(path, g, layer, wn));
            }
            out.put(layer, List.copyOf(ws));
        }
        return out;
    }

    private static Weight readWeight(Path path, Group layer, String layerName, String wn) {
        Node n = layer.getByPath(wn);
        if (!(n instanceof Dataset d)) {
            throw new InvalidInputException(path + ": weight " + wn + " of layer " + layerName
                    + " is missing");
        }
        int[] shape = d.getDimensions();
        float[] v = floats(d.getDataFlat());
        if (v == null) {
            throw new InvalidInputException(path + ": weight " + wn + " holds "
                    + d.getJavaType().getSimpleName() + " values, not floating point numbers");
        }
        long n0 = 1;
        for (int s : shape) {
            n0 *= s;
        }
        if (n0 != v.length) {
            throw new InvalidInputException(path + ": weight " + wn + " has " + v.length
                    + " values for its shape " + java.util.Arrays.toString(shape));
        }
        return new Weight(wn, shape, v);
    }

    private static float[] floats(Object data) {
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        return null;
    }

    /** A string attribute (variable or fixed length, or raw bytes), or null when absent. */
    private static String stringAttribute(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null || a.isEmpty()) {
            return null;
        }
        Object d = a.getData();
        if (d instanceof String s) {
            return s;
        }
        if (d instanceof String[] arr && arr.length == 1) {
            return arr[0];
        }
        if (d instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new InvalidInputException("attribute " + name + " is not text");
    }

    /**
     * A list-of-strings attribute; Keras splits long ones into {@code name0}, {@code name1}, ...
     * Null when absent, empty when stored empty.
     */
    private static List<String> strings(Node node, String name) {
        Map<String, Attribute> attrs = node.getAttributes();
        if (attrs.containsKey(name)) {
            return stringList(attrs.get(name));
        }
        if (!attrs.containsKey(name + "0")) {
            return null;
        }
        List<String> all = new ArrayList<>();
        for (int i = 0; attrs.containsKey(name + i); i++) {
            all.addAll(stringList(attrs.get(name + i)));
        }
        return all;
    }

    private static List<String> stringList(Attribute a) {
        if (a.isEmpty()) {
            return List.of();
        }
        Object d = a.getData();
        List<String> out = new ArrayList<>();
        if (d instanceof String s) {
            out.add(s);
        } else if (d instanceof String[] arr) {
            out.addAll(List.of(arr));
        } else if (d instanceof byte[][] rows) {
            for (byte[] r : rows) {
                out.add(new String(r, StandardCharsets.UTF_8).trim());
            }
        } else {
            throw new InvalidInputException("attribute " + a.getName() + " is not a list of names");
        }
        return out;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
