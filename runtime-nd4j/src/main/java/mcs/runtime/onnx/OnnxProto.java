package mcs.runtime.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.Memory;
import mcs.runtime.quant.Float16;

/**
 * The parts of an ONNX file the importer needs, read field by field from the protobuf wire
 * format (field numbers from onnx.proto); unknown fields are skipped. Values are decoded to
 * float (float32, float16, double) or long (integer types) arrays.
 */
final class OnnxProto {

    private OnnxProto() {
    }

    /** ModelProto: ir_version 1, graph 7, opset_import 8 (domain 1, version 2). */
    record ModelInfo(long irVersion, String producer, int opset, Graph graph) { }

    /** GraphProto: node 1, initializer 5, input 11, output 12. */
    record Graph(List<Node> nodes, Map<String, TensorData> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs) { }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    record Node(String opType, String name, List<String> inputs, List<String> outputs,
                Map<String, Attr> attrs) {

        Attr attr(String key) {
            return attrs.get(key);
        }

        long intAttr(String key, long dflt) {
            Attr a = attrs.get(key);
            return a == null ? dflt : a.i();
        }

        float floatAttr(String key, float dflt) {
            Attr a = attrs.get(key);
            return a == null ? dflt : a.f();
        }

        long[] intsAttr(String key, long[] dflt) {
            Attr a = attrs.get(key);
            return a == null ? dflt : a.ints();
        }

        String stringAttr(String key, String dflt) {
            Attr a = attrs.get(key);
            return a == null ? dflt : a.s();
        }
    }

    /** AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8. */
    record Attr(String name, float f, long i, String s, TensorData t, float[] floats, long[] ints) { }

    /** ValueInfoProto name 1, type 2 -> tensor_type 1 -> shape 2 -> dim 1 (value 1); -1 = symbolic. */
    record ValueInfo(String name, long[] dims) { }

    /**
     * TensorProto: dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7, name 8,
     * raw_data 9, double_data 10. Floating types land in {@code floats}, integers in {@code longs}.
     */
    record TensorData(String name, long[] dims, int dataType, float[] floats, long[] longs) {

        static final int FLOAT = 1, INT32 = 6, INT64 = 7, FLOAT16 = 10, DOUBLE = 11;

        boolean isFloat() {
            return floats != null;
        }

        long size() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    static ModelInfo parseModel(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setRecursionLimit(200);
        long ir = 0;
        String producer = "";
        int opset = -1;
        Graph graph = null;
        while (true) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (tag == 0) {
                break;
            } else if (field == 1 && isVarint(tag)) {
                ir = in.readInt64();
            } else if (field == 2 && isBytes(tag)) {
                producer = in.readStringRequireUtf8();
            } else if (field == 7 && isBytes(tag)) {
                graph = parseGraph(CodedInputStream.newInstance(in.readByteArray()));
            } else if (field == 8 && isBytes(tag)) {
                int v = parseOpset(in.readByteArray());
                opset = v >= 0 ? v : opset;
            } else {
                in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("no graph in the file");
        }
        return new ModelInfo(ir, producer, opset, graph);
    }

    /** The version of the default (ai.onnx) domain, or -1 for another domain. */
    private static int parseOpset(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String domain = "";
        long version = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isBytes(tag)) {
                domain = in.readStringRequireUtf8();
            } else if (field == 2 && isVarint(tag)) {
                version = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return domain.isEmpty() || domain.equals("ai.onnx") ? (int) version : -1;
    }

    private static Graph parseGraph(CodedInputStream in) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<String, TensorData> inits = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (!isBytes(tag)) {
                in.skipField(tag);
            } else if (field == 1) {
                nodes.add(parseNode(in.readByteArray()));
            } else if (field == 5) {
                TensorData t = parseTensor(in.readByteArray());
                inits.put(t.name(), t);
            } else if (field == 11) {
                inputs.add(parseValueInfo(in.readByteArray()));
            } else if (field == 12) {
                outputs.add(parseValueInfo(in.readByteArray()));
            } else {
                in.skipField(tag);
            }
        }
        return new Graph(nodes, inits, inputs, outputs);
    }

    private static Node parseNode(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        String op = "", name = "";
        Map<String, Attr> attrs = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (!isBytes(tag)) {
                in.skipField(tag);
            } else if (field == 1) {
                inputs.add(in.readStringRequireUtf8());
            } else if (field == 2) {
                outputs.add(in.readStringRequireUtf8());
            } else if (field == 3) {
                name = in.readStringRequireUtf8();
            } else if (field == 4) {
                op = in.readStringRequireUtf8();
            } else if (field == 5) {
                Attr a = parseAttr(in.readByteArray());
                attrs.put(a.name(), a);
            } else {
                in.skipField(tag);
            }
        }
        if (outputs.isEmpty() || outputs.get(0).isEmpty()) {
            throw new IOException((name.isEmpty() ? "a " + op + " node" : "node " + name)
                    + " has no output");
        }
        return new Node(op, name, inputs, outputs, attrs);
    }

    private static Attr parseAttr(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "", s = "";
        float f = 0;
        long i = 0;
        TensorData t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 1 && isBytes(tag)) {
                name = in.readStringRequireUtf8();
            } else if (field == 2 && wire == WireFormat.WIRETYPE_FIXED32) {
                f = in.readFloat();
            } else if (field == 3 && isVarint(tag)) {
                i = in.readInt64();
            } else if (field == 4 && isBytes(tag)) {
                s = in.readBytes().toStringUtf8();
            } else if (field == 5 && isBytes(tag)) {
                t = parseTensor(in.readByteArray());
            } else if (field == 7) {
                readFloats(in, wire, floats);
            } else if (field == 8) {
                readLongs(in, wire, ints);
            } else {
                in.skipField(tag);
            }
        }
        float[] fa = new float[floats.size()];
        for (int k = 0; k < fa.length; k++) {
            fa[k] = floats.get(k);
        }
        return new Attr(name, f, i, s, t, fa, ints.stream().mapToLong(Long::longValue).toArray());
    }

    private static ValueInfo parseValueInfo(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = "";
        long[] dims = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && isBytes(tag)) {
                name = in.readStringRequireUtf8();
            } else if (field == 2 && isBytes(tag)) {
                byte[] tensorType = submessage(in.readByteArray(), 1);
                byte[] shape = tensorType == null ? null : submessage(tensorType, 2);
                dims = shape == null ? null : parseShape(shape);
            } else {
                in.skipField(tag);
            }
        }
        return new ValueInfo(name, dims);
    }

    private static long[] parseShape(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> dims = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1 && isBytes(tag)) {
                CodedInputStream d = CodedInputStream.newInstance(in.readByteArray());
                long v = -1;
                for (int t = d.readTag(); t != 0; t = d.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 1 && isVarint(t)) {
                        v = d.readInt64();
                    } else {
                        d.skipField(t);
                    }
                }
                dims.add(v > 0 ? v : -1);
            } else {
                in.skipField(tag);
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** The first length-delimited field {@code field} of a message, or null. */
    private static byte[] submessage(byte[] bytes, int field) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field && isBytes(tag)) {
                return in.readByteArray();
            }
            in.skipField(tag);
        }
        return null;
    }

    static TensorData parseTensor(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Long> dims = new ArrayList<>(), ints = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        int type = 0;
        String name = "";
        byte[] raw = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> readLongs(in, wire, dims);
                case 2 -> type = in.readInt32();
                case 4 -> readFloats(in, wire, floats);
                case 5, 7 -> readLongs(in, wire, ints);
                case 8 -> name = in.readStringRequireUtf8();
                case 9 -> raw = in.readByteArray();
                case 10 -> readDoubles(in, wire, doubles);
                default -> in.skipField(tag);
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long v : d) {
            if (v < 0) {
                throw new IOException("tensor " + name + " has a negative dimension");
            }
            if (v > Integer.MAX_VALUE) {
                throw new IOException("tensor " + name + " has a dimension of " + v);
            }
            n = n > Memory.MAX_ARRAY ? n : n * v;
        }
        // the declared size is refused before anything is allocated for it (n * v cannot
        // overflow: both are at most 2^31)
        Memory.requireArray("tensor " + name + " " + Arrays.toString(d), n);
        return decode(name, d, type, (int) n, raw, floats, ints, doubles);
    }

    private static TensorData decode(String name, long[] dims, int type, int n, byte[] raw,
                                     List<Float> floats, List<Long> ints, List<Double> doubles)
            throws IOException {
        if (raw != null) {
            int width = switch (type) {
                case TensorData.FLOAT, TensorData.INT32 -> 4;
                case TensorData.INT64, TensorData.DOUBLE -> 8;
                case TensorData.FLOAT16 -> 2;
                case 2, 3, 9 -> 1;
                default -> throw new IOException("tensor " + name + " has unsupported data type " + type);
            };
            if ((long) raw.length != (long) n * width) {
                throw new IOException("tensor " + name + " holds " + raw.length + " bytes, expected "
                        + (long) n * width);
            }
            return fromRaw(name, dims, type, n, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
        }
        int have = switch (type) {
            case TensorData.FLOAT -> floats.size();
            case TensorData.DOUBLE -> doubles.size();
            default -> ints.size();
        };
        if (have != n) {
            throw new IOException("tensor " + name + " holds " + have + " values, expected " + n);
        }
        if (type == TensorData.FLOAT || type == TensorData.DOUBLE || type == TensorData.FLOAT16) {
            float[] f = new float[n];
            for (int k = 0; k < n; k++) {
                f[k] = type == TensorData.FLOAT ? floats.get(k)
                        : type == TensorData.DOUBLE ? (float) (double) doubles.get(k)
                        : Float16.toFloat((short) (long) ints.get(k));
            }
            return new TensorData(name, dims, type, f, null);
        }
        return new TensorData(name, dims, type, null, ints.stream().mapToLong(Long::longValue).toArray());
    }

    private static TensorData fromRaw(String name, long[] dims, int type, int n, ByteBuffer b) {
        if (type == TensorData.FLOAT || type == TensorData.DOUBLE || type == TensorData.FLOAT16) {
            float[] f = new float[n];
            for (int k = 0; k < n; k++) {
                f[k] = type == TensorData.FLOAT ? b.getFloat()
                        : type == TensorData.DOUBLE ? (float) b.getDouble() : Float16.toFloat(b.getShort());
            }
            return new TensorData(name, dims, type, f, null);
        }
        long[] l = new long[n];
        for (int k = 0; k < n; k++) {
            l[k] = switch (type) {
                case TensorData.INT64 -> b.getLong();
                case TensorData.INT32 -> b.getInt();
                case 2, 9 -> b.get() & 0xff;
                default -> b.get();
            };
        }
        return new TensorData(name, dims, type, null, l);
    }

    private static void readLongs(CodedInputStream in, int wire, List<Long> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int wire, List<Float> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readFloat());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readFloat());
        }
    }

    private static void readDoubles(CodedInputStream in, int wire, List<Double> out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                out.add(in.readDouble());
            }
            in.popLimit(limit);
        } else {
            out.add(in.readDouble());
        }
    }

    private static boolean isBytes(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static boolean isVarint(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT;
    }
}
