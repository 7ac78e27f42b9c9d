package mcs.runtime.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;

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
        ByteBuffer bytes = map(path);
        try (HdfFile h = decode(path, () -> HdfFile.fromByteBuffer(bytes))) {
            Reader r = new Reader(path, bytes.capacity());
            String config = r.stringAttribute(h, "model_config");
            Node mw = r.decode(() -> h.getChildren().get("model_weights"));
            Group root = mw instanceof Group g ? g : h;
            return new H5File(path, config, r.readWeights(root));
        }
    }

    /**
     * The whole file, mapped read-only. jhdf reading from a buffer slices it where reading
     * from a channel would allocate a buffer of whatever size a (possibly damaged) header
     * gives, so a wrong length is an out-of-range read here and never a huge allocation.
     */
    private static ByteBuffer map(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new InvalidInputException(path + ": " + Memory.size(size) + " is more than"
                        + " the 2 GB a Keras HDF5 file can have here");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Runs one jhdf call. jhdf reports a damaged file with whatever exception its decoding
     * runs into (HdfException, BufferUnderflowException, IllegalArgumentException from an
     * out-of-range slice, ...) and, on a cycle in the file's structure, a StackOverflowError;
     * here, and only around jhdf calls, these become an error naming the file.
     */
    private static <T> T decode(Path path, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidInputException(path + ": not a readable Keras HDF5 file ("
                    + describe(e) + "); the file may be damaged or truncated", e);
        }
    }

    /** Reads from one open file of {@code fileSize} bytes, naming {@code path} in errors. */
    private record Reader(Path path, long fileSize) {

        <T> T decode(Supplier<T> call) {
            return H5File.decode(path, call);
        }

        Map<String, List<Weight>> readWeights(Group root) {
            List<String> layers = strings(root, "layer_names");
            if (layers == null) {
                throw new InvalidInputException(path + ": no Keras weights in this HDF5 file (it"
                        + " has no layer_names attribute" + (root.getParent() == null
                        ? " at the root and no model_weights group)" : ")"));
            }
            Map<String, List<Weight>> out = new LinkedHashMap<>();
            Map<String, Node> children = decode(root::getChildren);
            for (String layer : layers) {
                Node n = children.get(layer);
                if (!(n instanceof Group g)) {
                    throw new InvalidInputException(path + ": layer " + layer
                            + " is listed in layer_names but has no group of weights");
                }
                List<String> names = strings(g, "weight_names");
                List<Weight> ws = new ArrayList<>();
                for (String wn : names == null ? List.<String>of() : names) {
                    ws.add(readWeight(g, layer, wn));
                }
                out.put(layer, List.copyOf(ws));
            }
            return out;
        }

        private Weight readWeight(Group layer, String layerName, String wn) {
            Node n = decode(() -> {
                try {
                    return layer.getByPath(wn);
                } catch (HdfInvalidPathException e) {
                    return null;
                }
            });
            if (!(n instanceof Dataset d)) {
                throw new InvalidInputException(path + ": weight " + wn + " of layer " + layerName
                        + " is missing");
            }
            String what = path + ": weight " + wn;
            long[] shape = decode(d::getDimensionsAsLong);
            Class<?> type = decode(d::getJavaType);
            if (type != float.class && type != double.class) {
                throw new InvalidInputException(what + " holds " + type.getSimpleName()
                        + " values, not floating point numbers");
            }
            long values = count(what, shape);
            int width = type == float.class ? Float.BYTES : Double.BYTES;
            requireStored(what, values, width, decode(d::getFilters).isEmpty());
            int[] dims = new int[shape.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) shape[i];
            }
            float[] v = values == 0 ? new float[0] : floats(decode(d::getDataFlat));
            if (v == null || v.length != values) {
                throw new InvalidInputException(what + " has " + (v == null ? "no" : v.length)
                        + " values for its shape " + Arrays.toString(shape));
            }
            return new Weight(wn, dims, v);
        }

        /** The number of values of a shape, refused when it overflows or a tensor cannot hold it. */
        private long count(String what, long[] shape) {
            long n = 1;
            for (long s : shape) {
                if (s < 0) {
                    throw new InvalidInputException(what + " has a negative size in its shape "
                            + Arrays.toString(shape));
                }
                try {
                    n = Math.multiplyExact(n, s);
                } catch (ArithmeticException e) {
                    n = Long.MAX_VALUE;
                }
            }
            Memory.requireArray(what, n);
            return n;
        }

        /**
         * Refuses, before reading, data the file cannot hold: stored as it is (no filters) it
         * has to fit in the file; compressed it has to fit in the heap.
         */
        private void requireStored(String what, long values, int width, boolean plain) {
            long bytes = values * width;
            if (plain && bytes > fileSize) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s declares %,d "
                        + "values (%s), more than the %s file holds; the file is damaged", what,
                        values, Memory.size(bytes), Memory.size(fileSize)));
            }
            Memory.requireHeap(what, bytes);
        }

        /** A string attribute (variable or fixed length, or raw bytes), or null when absent. */
        String stringAttribute(Node node, String name) {
            Attribute a = decode(() -> node.getAttributes().get(name));
            if (a == null || decode(a::isEmpty)) {
                return null;
            }
            Object d = attributeData(a);
            if (d instanceof String s) {
                return s;
            }
            if (d instanceof String[] arr && arr.length == 1) {
                return arr[0];
            }
            if (d instanceof byte[] b) {
                return new String(b, StandardCharsets.UTF_8);
            }
            throw new InvalidInputException(path + ": attribute " + name + " is not text");
        }

        /**
         * A list-of-strings attribute; Keras splits long ones into {@code name0}, {@code name1},
         * ... Null when absent, empty when stored empty.
         */
        List<String> strings(Node node, String name) {
            Map<String, Attribute> attrs = decode(node::getAttributes);
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

        private List<String> stringList(Attribute a) {
            if (decode(a::isEmpty)) {
                return List.of();
            }
            Object d = attributeData(a);
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
                throw new InvalidInputException(path + ": attribute " + a.getName()
                        + " is not a list of names");
            }
            return out;
        }

        /**
         * An attribute's value, after checking that its declared size fits in the file (jhdf
         * allocates the Java array for the declared size before reading the values).
         */
        private Object attributeData(Attribute a) {
            String what = path + ": attribute " + a.getName();
            long values = count(what, decode(a::getDimensionsAsLong));
            long width = decode(() -> (long) a.getDataType().getSize());
            if (values > fileSize || values * Math.max(1, width) > fileSize) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s declares %,d "
                        + "values, more than the %s file holds; the file is damaged", what,
                        values, Memory.size(fileSize)));
            }
            return decode(a::getData);
        }
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

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
