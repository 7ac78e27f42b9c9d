package mcs.runtime.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import mcs.fuzz.Limits;
import mcs.runtime.model.Model;

/**
 * The {@code .mcz} reader on arbitrary bytes. A random change to a file almost always breaks
 * its checksum or its deflated header, which would keep the fuzzer at the door, so each input
 * is read three ways:
 * <ol>
 * <li>as it is;</li>
 * <li>with its last four bytes replaced by the right CRC-32, so damaged contents get past the
 * checksum;</li>
 * <li>when it holds a NUL, as "header JSON, NUL, tensor section": the JSON is deflated and the
 * container assembled around it, so the fuzzer edits the header as text.</li>
 * </ol>
 * Every read must give a model or an {@link mcs.runtime.InvalidInputException}; a model read
 * must encode again.
 */
class McsFileFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) throws Exception {
        read(data);
        if (data.length >= 4) {
            read(withChecksum(Arrays.copyOf(data, data.length)));
        }
        for (int i = 0; i < data.length; i++) {
            if (data[i] == 0) {
                read(assembled(Arrays.copyOfRange(data, 0, i),
                        Arrays.copyOfRange(data, i + 1, data.length)));
                break;
            }
        }
    }

    private static void read(byte[] file) throws Exception {
        Limits.run(() -> {
            Model m = McsFile.decode(file, "fuzz.mcz");
            McsFile.encode(m);
        });
    }

    /** {@code data} with its last four bytes the big-endian CRC-32 of the rest. */
    static byte[] withChecksum(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            data[data.length - 4 + i] = (byte) (c >>> (24 - 8 * i));
        }
        return data;
    }

    /** An .mcz file with the given header JSON and tensor section (count, then blocks). */
    static byte[] assembled(byte[] json, byte[] tensors) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        d.setInput(json);
        d.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            packed.write(buf, 0, d.deflate(buf));
        }
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Container.MAGIC);
        out.write(McsFile.VERSION);
        varint(out, packed.size());
        varint(out, json.length);
        out.writeBytes(packed.toByteArray());
        out.writeBytes(tensors);
        out.writeBytes(new byte[4]);
        return withChecksum(out.toByteArray());
    }

    /** The tensor section of a real file in the form {@link #assembled} reads: for seeds. */
    static byte[] unpacked(byte[] file) throws java.util.zip.DataFormatException {
        Container c = Container.parse(file, "seed", McsFile.VERSION);
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        inf.setInput(c.header());
        byte[] json = new byte[c.headerLength()];
        int n = 0;
        while (n < json.length) {
            n += inf.inflate(json, n, json.length - n);
        }
        inf.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json);
        out.write(0);
        varint(out, c.blocks().size());
        for (byte[] b : c.blocks()) {
            varint(out, b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
