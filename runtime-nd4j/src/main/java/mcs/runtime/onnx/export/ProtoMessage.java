package mcs.runtime.onnx.export;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One protobuf message being written field by field with protobuf-java's
 * {@link CodedOutputStream}, without generated classes. Nested messages are written whole and
 * then embedded as length-delimited fields. Repeated scalars are written unpacked, one tag per
 * element (the proto2 default of {@code onnx.proto}; parsers accept both forms).
 */
final class ProtoMessage {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoMessage string(int field, String value) {
        return write(() -> out.writeByteArray(field, value.getBytes(StandardCharsets.UTF_8)));
    }

    ProtoMessage int64(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    ProtoMessage int32(int field, int value) {
        return write(() -> out.writeInt32(field, value));
    }

    ProtoMessage float32(int field, float value) {
        return write(() -> out.writeFloat(field, value));
    }

    ProtoMessage int64s(int field, long[] values) {
        return write(() -> {
            for (long v : values) {
                out.writeInt64(field, v);
            }
        });
    }

    ProtoMessage bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    ProtoMessage message(int field, ProtoMessage message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private ProtoMessage write(Write w) {
        try {
            w.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
