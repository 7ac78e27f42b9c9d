package mcs.runtime.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-made ONNX messages for tests of what no exporter writes: each method gives the bytes of
 * one message (field numbers from onnx.proto), nested by passing bytes to the enclosing one.
 */
final class OnnxBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    private OnnxBytes() {
    }

    private OnnxBytes varint(int field, long v) {
        try {
            out.writeUInt64(field, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private OnnxBytes bytes(int field, byte[] v) {
        try {
            out.writeByteArray(field, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private OnnxBytes text(int field, String v) {
        try {
            out.writeString(field, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private byte[] done() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A ModelProto of IR version 7 for the default domain at {@code opset}. */
    static byte[] model(int opset, byte[] graph) {
        byte[] op = new OnnxBytes().text(1, "").varint(2, opset).done();
        return new OnnxBytes().varint(1, 7).text(2, "test").bytes(7, graph).bytes(8, op).done();
    }

    /** A GraphProto: nodes, initializers, then one input and one output. */
    static byte[] graph(byte[][] nodes, byte[][] initializers, byte[] input, byte[] output) {
        OnnxBytes g = new OnnxBytes();
        for (byte[] n : nodes) {
            g.bytes(1, n);
        }
        for (byte[] t : initializers) {
            g.bytes(5, t);
        }
        return g.bytes(11, input).bytes(12, output).done();
    }

    /** A NodeProto; inputs and outputs as given (an empty array for none). */
    static byte[] node(String op, String name, String[] inputs, String[] outputs, byte[]... attrs) {
        OnnxBytes n = new OnnxBytes();
        for (String s : inputs) {
            n.text(1, s);
        }
        for (String s : outputs) {
            n.text(2, s);
        }
        n.text(3, name).text(4, op);
        for (byte[] a : attrs) {
            n.bytes(5, a);
        }
        return n.done();
    }

    /** An AttributeProto holding a list of integers. */
    static byte[] ints(String name, long... v) {
        OnnxBytes a = new OnnxBytes().text(1, name);
        for (long x : v) {
            a.varint(8, x);
        }
        return a.varint(20, 7).done();
    }

    /** An AttributeProto holding one integer. */
    static byte[] integer(String name, long v) {
        return new OnnxBytes().text(1, name).varint(3, v).varint(20, 2).done();
    }

    /** A float32 TensorProto with raw data. */
    static byte[] floats(String name, long[] dims, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return tensor(name, dims, 1, b.array());
    }

    /** An int64 TensorProto with raw data. */
    static byte[] longs(String name, long[] dims, long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        return tensor(name, dims, 7, b.array());
    }

    private static byte[] tensor(String name, long[] dims, int type, byte[] raw) {
        OnnxBytes t = new OnnxBytes();
        for (long d : dims) {
            t.varint(1, d);
        }
        return t.varint(2, type).text(8, name).bytes(9, raw).done();
    }

    /** A float ValueInfoProto with these dimensions. */
    static byte[] value(String name, long... dims) {
        OnnxBytes shape = new OnnxBytes();
        for (long d : dims) {
            shape.bytes(1, new OnnxBytes().varint(1, d).done());
        }
        byte[] tensorType = new OnnxBytes().varint(1, 1).bytes(2, shape.done()).done();
        byte[] type = new OnnxBytes().bytes(1, tensorType).done();
        return new OnnxBytes().text(1, name).bytes(2, type).done();
    }
}
