package mcs.runtime.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.DamagedFiles;

/**
 * Structural damage to a protobuf file, which single changed bytes rarely do: the file is read
 * as a tree of fields (a length-delimited field that reads completely as a message is taken
 * for one), then one integer is set to a hostile value (0, -1, 2^31, 2^40, ...) or one field
 * is dropped, and the tree is written back with the lengths made consistent again. So a tensor
 * can declare dimensions far beyond its data, a node lose its inputs, an attribute its value.
 */
final class ProtoEdits {

    private static final long[] HOSTILE = {0, 1, 2, 3, 7, 16, -1, -2, 255, 65_535,
        Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final int MAX_DEPTH = 8;

    private static final class Field {
        final int number;
        final int wire;
        long value;
        byte[] bytes;
        Msg sub;

        Field(int number, int wire) {
            this.number = number;
            this.wire = wire;
        }
    }

    private static final class Msg {
        final List<Field> fields = new ArrayList<>();
    }

    private final Msg root;
    private final List<Field> integers = new ArrayList<>();
    private final List<Msg> parents = new ArrayList<>();
    private final List<Integer> positions = new ArrayList<>();

    ProtoEdits(byte[] file) {
        root = parse(file, 0);
        if (root == null) {
            throw new IllegalArgumentException("not a protobuf message");
        }
        index(root);
    }

    /**
     * {@code count} seeded edits, made one at a time as they are iterated: about two thirds
     * hostile integers, the rest dropped fields.
     */
    Iterable<DamagedFiles.Variant> edits(int count, long seed) {
        return DamagedFiles.generated(count, seed, this::edit);
    }

    private DamagedFiles.Variant edit(Random r) {
        if (r.nextInt(3) < 2) {
            Field f = integers.get(r.nextInt(integers.size()));
            long old = f.value;
            f.value = HOSTILE[r.nextInt(HOSTILE.length)];
            try {
                return new DamagedFiles.Variant("field " + f.number + " = " + f.value + " (was " + old + ")",
                        write(root));
            } finally {
                f.value = old;
            }
        }
        int k = r.nextInt(parents.size());
        Msg m = parents.get(k);
        int at = positions.get(k);
        Field f = m.fields.remove(at);
        try {
            return new DamagedFiles.Variant("field " + f.number + " dropped", write(root));
        } finally {
            m.fields.add(at, f);
        }
    }

    private void index(Msg m) {
        for (int i = 0; i < m.fields.size(); i++) {
            Field f = m.fields.get(i);
            parents.add(m);
            positions.add(i);
            if (f.wire == WireFormat.WIRETYPE_VARINT) {
                integers.add(f);
            } else if (f.sub != null) {
                index(f.sub);
            }
        }
    }

    private static Msg parse(byte[] b, int depth) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(b);
            Msg m = new Msg();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                Field f = new Field(WireFormat.getTagFieldNumber(tag), WireFormat.getTagWireType(tag));
                switch (f.wire) {
                    case WireFormat.WIRETYPE_VARINT -> f.value = in.readRawVarint64();
                    case WireFormat.WIRETYPE_FIXED64 -> f.value = in.readRawLittleEndian64();
                    case WireFormat.WIRETYPE_FIXED32 -> f.value = in.readRawLittleEndian32();
                    case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        f.bytes = in.readByteArray();
                        f.sub = depth < MAX_DEPTH && f.bytes.length > 0 ? parse(f.bytes, depth + 1)
                                : null;
                    }
                    default -> {
                        return null;
                    }
                }
                m.fields.add(f);
            }
            return m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] write(Msg m) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Field f : m.fields) {
                out.writeTag(f.number, f.wire);
                switch (f.wire) {
                    case WireFormat.WIRETYPE_VARINT -> out.writeUInt64NoTag(f.value);
                    case WireFormat.WIRETYPE_FIXED64 -> out.writeFixed64NoTag(f.value);
                    case WireFormat.WIRETYPE_FIXED32 -> out.writeFixed32NoTag((int) f.value);
                    default -> out.writeByteArrayNoTag(f.sub != null ? write(f.sub) : f.bytes);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
