package mcs.runtime.io;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import mcs.runtime.InvalidInputException;

/**
 * The byte layout of an {@code .mcz} file, below the meaning of its parts:
 * <pre>
 *   magic 0x89 'M' 'C' 'Z' | version (1 byte) | header: deflated length, inflated length
 *   (varints), deflated UTF-8 JSON | tensor count (varint) | per tensor: length (varint),
 *   range-coded block | CRC-32 of everything before it (4 bytes, big-endian)
 * </pre>
 * Parsing checks every length against the bytes that remain before using it, and the checksum
 * before any part is decoded, so a truncated or damaged file is named as such.
 */
record Container(int version, byte[] header, int headerLength, List<byte[]> blocks) {

    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'Z'};

    byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(version);
        varint(out, header.length);
        varint(out, headerLength);
        out.writeBytes(header);
        varint(out, blocks.size());
        for (byte[] b : blocks) {
            varint(out, b.length);
            out.writeBytes(b);
        }
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        long c = crc.getValue();
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (c >>> shift) & 0xFF);
        }
        return out.toByteArray();
    }

    /** The parts of {@code data}; {@code label} names the file in errors. */
    static Container parse(byte[] data, String label, int supportedVersion) {
        Cursor c = new Cursor(data, label, data.length - 4);
        if (data.length < MAGIC.length + 1) {
            throw c.problem("not an .mcz file (only " + data.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                throw c.problem("not an .mcz file (bad magic bytes)");
            }
        }
        int version = data[MAGIC.length] & 0xFF;
        if (version != supportedVersion) {
            throw c.problem("unsupported format version " + version + " (this mcs reads version "
                    + supportedVersion + ")");
        }
        c.pos = MAGIC.length + 1;
        int headerBytes = c.length("header");
        int headerLength = (int) Math.min(c.varint("header length"), Integer.MAX_VALUE);
        byte[] header = c.bytes(headerBytes);
        int count = c.length("tensor count");
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(c.bytes(c.length("tensor " + i)));
        }
        if (c.pos != c.end) {
            throw c.problem(c.end - c.pos + " unexpected bytes at offset " + c.pos);
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, c.end);
        long stored = 0;
        for (int i = 0; i < 4; i++) {
            stored = (stored << 8) | (data[c.end + i] & 0xFF);
        }
        if (stored != crc.getValue()) {
            throw c.problem("checksum mismatch: the file is damaged");
        }
        return new Container(version, header, headerLength, blocks);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Reads varints and byte runs, never past {@code end}. */
    private static final class Cursor {
        private final byte[] data;
        private final String label;
        private final int end;
        private int pos;

        Cursor(byte[] data, String label, int end) {
            this.data = data;
            this.label = label;
            this.end = Math.max(end, 0);
        }

        long varint(String what) {
            long v = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                if (pos >= end) {
                    throw problem("truncated at offset " + pos + " (reading " + what + ")");
                }
                int b = data[pos++] & 0xFF;
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw problem("bad number at offset " + pos + " (reading " + what + ")");
        }

        /** A count of bytes or items that must fit in what remains. */
        int length(String what) {
            int at = pos;
            long v = varint(what);
            if (v < 0 || v > end - pos) {
                throw problem("truncated at offset " + at + ": " + what + " says " + v
                        + " but only " + (end - pos) + " bytes remain");
            }
            return (int) v;
        }

        byte[] bytes(int n) {
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }

        InvalidInputException problem(String message) {
            return new InvalidInputException(label + ": " + message);
        }
    }
}
