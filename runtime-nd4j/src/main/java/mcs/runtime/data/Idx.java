package mcs.runtime.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Shape;

/**
 * Reads IDX files (the MNIST format: big-endian header, unsigned bytes), gzipped or not. Only
 * unsigned-byte data (type 0x08) is accepted; anything else is refused with the file named.
 */
public final class Idx {

    private static final int UBYTE = 0x08;
    private static final long MAX_VALUES = (1L << 31) - 1;

    private Idx() {
    }

    /** A split from an images file (3 dims: n, rows, cols) and a labels file (1 dim: n). */
    public static Split read(String splitName, Path images, Path labels) {
        Array img = readArray(images);
        Array lab = readArray(labels);
        if (img.dims.length != 3) {
            throw bad(images, "expected 3 dimensions (count, rows, columns), found " + img.dims.length);
        }
        if (lab.dims.length != 1) {
            throw bad(labels, "expected 1 dimension (count), found " + lab.dims.length);
        }
        if (img.dims[0] != lab.dims[0]) {
            throw new InvalidInputException(images + " holds " + img.dims[0] + " images but "
                    + labels + " holds " + lab.dims[0] + " labels");
        }
        float[] x = new float[img.data.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (img.data[i] & 0xFF) / 255f;
        }
        int[] y = new int[lab.data.length];
        int classes = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data[i] & 0xFF;
            classes = Math.max(classes, y[i] + 1);
        }
        return new Split(splitName, Shape.image(1, img.dims[1], img.dims[2]), x, y,
                Math.max(classes, 10));
    }

    /** An IDX array: its dimensions and raw unsigned bytes. */
    record Array(int[] dims, byte[] data) { }

    static Array readArray(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic = data.readInt();
            if ((magic >>> 16) != 0) {
                throw bad(file, "not an IDX file (magic number 0x" + Integer.toHexString(magic) + ")");
            }
            int type = (magic >>> 8) & 0xFF, rank = magic & 0xFF;
            if (type != UBYTE) {
                throw bad(file, "only unsigned-byte IDX data (type 0x08) is supported, found 0x"
                        + Integer.toHexString(type));
            }
            if (rank < 1 || rank > 4) {
                throw bad(file, "unsupported number of dimensions " + rank);
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = data.readInt();
                if (dims[i] <= 0) {
                    throw bad(file, "dimension " + (i + 1) + " is " + dims[i]);
                }
                total *= dims[i];
                if (total > MAX_VALUES) {
                    throw bad(file, "the header announces more than 2^31 values");
                }
            }
            byte[] bytes = new byte[(int) total];
            data.readFully(bytes);
            return new Array(dims, bytes);
        } catch (EOFException e) {
            throw bad(file, "the file is truncated (fewer values than its header announces)");
        } catch (java.util.zip.ZipException e) {
            throw bad(file, "corrupt gzip data: " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static InvalidInputException bad(Path file, String what) {
        return new InvalidInputException(file + ": " + what);
    }
}
