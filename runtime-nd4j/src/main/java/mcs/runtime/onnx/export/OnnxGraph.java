package mcs.runtime.onnx.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX graph being assembled: nodes in topological order, constant tensors (initializers),
 * one float input and one float output. Mutable while an export runs, then written by
 * {@link OnnxWriter}.
 */
final class OnnxGraph {

    /** ONNX {@code TensorProto.DataType} codes used here. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;

    /** A node attribute: an int, a float or a list of ints. */
    sealed interface Attribute {
        String name();
    }

    record IntAttribute(String name, long value) implements Attribute { }

    record FloatAttribute(String name, float value) implements Attribute { }

    record IntsAttribute(String name, long[] values) implements Attribute { }

    record Node(String name, String op, List<String> inputs, List<String> outputs,
                List<Attribute> attributes) {
        Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            attributes = List.copyOf(attributes);
        }
    }

    /** A constant tensor: its element type, dims (empty for a scalar) and little-endian bytes. */
    record Initializer(String name, int dataType, long[] dims, byte[] raw) { }

    /** A graph input or output: a float tensor whose first dimension is the symbolic batch. */
    record Value(String name, int[] dims) { }

    /** The symbolic name of the batch dimension of the input and the output. */
    static final String BATCH = "N";

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Initializer> initializers = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private Value input;
    private Value output;

    OnnxGraph(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    List<Initializer> initializers() {
        return List.copyOf(initializers.values());
    }

    Value input() {
        return input;
    }

    Value output() {
        return output;
    }

    void input(String valueName, int[] dims) {
        claim(valueName);
        input = new Value(valueName, dims.clone());
    }

    /** Declares the graph output, renaming the value {@code from} to {@code valueName}. */
    void output(String from, String valueName, int[] dims) {
        if (!from.equals(valueName)) {
            claim(valueName);
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                nodes.set(i, new Node(n.name(), n.op(), rename(n.inputs(), from, valueName),
                        rename(n.outputs(), from, valueName), n.attributes()));
            }
        }
        output = new Value(valueName, dims.clone());
    }

    /** Adds a node with one output named {@code out}; returns {@code out}. */
    String node(String op, String out, List<String> inputs, Attribute... attributes) {
        claim(out);
        nodes.add(new Node(out, op, inputs, List.of(out), List.of(attributes)));
        return out;
    }

    String floats(String tensorName, long[] dims, float[] values) {
        ByteBuffer b = buffer(values.length * 4);
        for (float v : values) {
            b.putFloat(v);
        }
        return add(tensorName, FLOAT, dims, b);
    }

    String int32s(String tensorName, long[] dims, int[] values) {
        ByteBuffer b = buffer(values.length * 4);
        for (int v : values) {
            b.putInt(v);
        }
        return add(tensorName, INT32, dims, b);
    }

    String int64s(String tensorName, long[] dims, long[] values) {
        ByteBuffer b = buffer(values.length * 8);
        for (long v : values) {
            b.putLong(v);
        }
        return add(tensorName, INT64, dims, b);
    }

    /** 8-bit integers, as int8 ({@code signed}) or uint8; each value must fit. */
    String bytes(String tensorName, long[] dims, int[] values, boolean signed) {
        ByteBuffer b = buffer(values.length);
        int lo = signed ? Byte.MIN_VALUE : 0, hi = signed ? Byte.MAX_VALUE : 255;
        for (int v : values) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(tensorName + ": " + v + " does not fit 8 bits");
            }
            b.put((byte) v);
        }
        return add(tensorName, signed ? INT8 : UINT8, dims, b);
    }

    private String add(String tensorName, int type, long[] dims, ByteBuffer raw) {
        claim(tensorName);
        initializers.put(tensorName, new Initializer(tensorName, type, dims.clone(), raw.array()));
        return tensorName;
    }

    private void claim(String valueName) {
        if (!names.add(valueName)) {
            throw new IllegalStateException("two ONNX values named " + valueName);
        }
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static List<String> rename(List<String> list, String from, String to) {
        List<String> out = new ArrayList<>(list);
        Collections.replaceAll(out, from, to);
        return out;
    }
}
