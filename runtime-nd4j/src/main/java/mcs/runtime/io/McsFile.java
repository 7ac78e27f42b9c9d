package mcs.runtime.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;

/**
 * mcs's own compressed model file, {@code .mcz}: the layer graph and history as a small
 * deflated JSON header ({@link Header}), then every tensor in the smallest exact encoding of its
 * compression state ({@link TensorCodec}: sparse positions, quantised integers or cluster
 * indices, entropy-coded), in a checksummed {@link Container}. Loading gives back the same
 * model bit for bit: values, masks, codebooks, quantisation specs and precisions, so later
 * fine-tuning keeps them. The encoded length is what mcs reports as a model's size.
 *
 * <p>A damaged, truncated or hostile file gives an {@link InvalidInputException} naming the
 * file and the problem, after checks that bound the memory used ({@link #MAX_PARAMS}); nothing
 * in a file is executed and no Java serialisation is involved. I/O failures are
 * {@link UncheckedIOException}s with a message naming the file. Saving writes a temporary file
 * in the same directory, forces it to disk and renames it over the target atomically.
 */
public final class McsFile {

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    /** The file name extension. */
    public static final String EXTENSION = ".mcz";
    /** The most parameters a file may hold (2^27, 512 MB as fp32). */
    public static final long MAX_PARAMS = 1L << 27;
    /** Models with at most this many parameter values (64 MB as fp32) load from any file. */
    public static final long FREE_PARAMS = 1L << 24;
    /** Beyond {@link #FREE_PARAMS}, the most parameter values a file may hold per byte. */
    public static final long MAX_EXPANSION = 4096;
    private static final int MAX_HEADER = 1 << 24;
    private static final long MAX_FILE = 1L << 30;

    private McsFile() {
    }

    /** The bytes of the {@code .mcz} encoding of {@code m}. */
    public static byte[] encode(Model m) {
        byte[] json = Header.of(m).toJson().getBytes(StandardCharsets.UTF_8);
        List<byte[]> blocks = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            checkFinite(t);
            byte[] block = TensorCodec.encode(t);
            Tensor back = TensorCodec.decode(block, 0, block.length, t.name(), t.role(),
                    t.shape());
            if (!TensorCodec.sameState(t, back)) {
                throw new IllegalStateException("the encoding of " + t.name()
                        + " does not read back exactly");
            }
            blocks.add(block);
        }
        byte[] file = new Container(VERSION, deflate(json), json.length, blocks).write();
        try {
            requireExpansion(m.paramCount(), file.length);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("cannot save " + m.name() + ": " + e.getMessage()
                    + "; a model this large and this sparse cannot be loaded back", e);
        }
        return file;
    }

    /** The size in bytes of the {@code .mcz} file of {@code m}. */
    public static long size(Model m) {
        return encode(m).length;
    }

    /**
     * The bytes {@code t} takes in an {@code .mcz} file (its block and the block's length);
     * a model's file is the sum over its tensors plus the header and the container.
     */
    public static long tensorBytes(Tensor t) {
        checkFinite(t);
        int n = TensorCodec.encode(t).length;
        return n + (32 - Integer.numberOfLeadingZeros(n) + 6) / 7;
    }

    /** The model in {@code data}; {@code label} names the data in errors (e.g. a file name). */
    public static Model decode(byte[] data, String label) {
        Container c = Container.parse(data, label, VERSION);
        Header h;
        try {
            h = Header.parse(inflate(c.header(), c.headerLength()), MAX_PARAMS);
            requireExpansion(Header.countParams(h.layers(), h.input(), "layers"), data.length);
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new InvalidInputException(label + ": " + e.getMessage(), e);
        }
        int[] next = {0};
        Model m;
        try {
            // each parameter is decoded from its block as the model is built, so nothing is
            // allocated for a tensor the file does not hold
            m = Model.sequential(h.name(), h.input(), h.layers(), (name, p) -> {
                int i = next[0]++;
                if (i >= c.blocks().size()) {
                    throw new InvalidInputException("the layers have more tensors than the "
                            + c.blocks().size() + " the file holds (counts inconsistent)");
                }
                byte[] b = c.blocks().get(i);
                try {
                    return TensorCodec.decode(b, 0, b.length, name, p.role(), p.shape());
                } catch (InvalidInputException | IllegalArgumentException e) {
                    throw new InvalidInputException("tensor " + name + ": " + e.getMessage(), e);
                }
            });
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new InvalidInputException(label + ": " + e.getMessage(), e);
        }
        if (next[0] != c.blocks().size()) {
            throw new InvalidInputException(label + ": the layers have " + next[0]
                    + " tensors but the file holds " + c.blocks().size()
                    + " (counts inconsistent)");
        }
        Model out = m;
        for (String step : h.history()) {
            out = out.withHistory(step);
        }
        return h.activations().isEmpty() ? out : out.withActivations(h.activations());
    }

    /**
     * Refuses a model of {@code params} values in a file of {@code fileBytes} bytes that
     * expands more than {@link #MAX_EXPANSION} times, as archive readers refuse decompression
     * bombs: the entropy coder stores a tensor whose values are all pruned in a few bytes, so
     * without this a file of a few hundred bytes could make loading allocate gigabytes. Models
     * up to {@link #FREE_PARAMS} values are never refused; saving checks the same rule, so every
     * file mcs writes loads.
     */
    private static void requireExpansion(long params, long fileBytes) {
        if (params > FREE_PARAMS && params > fileBytes * MAX_EXPANSION) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the layers declare %,d"
                    + " parameters (%s as fp32) in a file of %,d bytes, more than %,d values"
                    + " per byte: refused as a decompression bomb", params,
                    Memory.size(params * Float.BYTES), fileBytes, MAX_EXPANSION));
        }
    }

    /**
     * Writes {@code m} to {@code file} atomically, as {@link #write} does, and returns the
     * bytes written.
     */
    public static long save(Model m, Path file) {
        byte[] data = encode(m);
        write(file, data);
        return data.length;
    }

    /**
     * Writes {@code data} to {@code file} atomically (a temporary file in the same directory,
     * forced to disk, then renamed over the target): a reader, or a writer killed at any
     * moment, leaves the previous complete file or the new one.
     *
     * <p>The temporary file, {@code .<name>.<digits>.tmp}, is locked while it is written and
     * renamed. A writer killed before the rename leaves it behind, unlocked (the system drops a
     * dead process's locks); the next save of the same target deletes such temporaries, those it
     * can lock, and leaves alone the ones a live writer holds.
     */
    public static void write(Path file, byte[] data) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            try (Temporary t = Temporary.create(target)) {
                tmp = t.path;
                readableLikeTarget(tmp, target);
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    t.channel.write(buf);
                }
                t.channel.force(true);
                // renamed while still locked: a concurrent save never takes it for stale
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
            }
            forceDirectory(dir);
            removeStaleTemporaries(target);
        } catch (IOException e) {
            throw ioProblem("cannot write", file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is left behind; the target is untouched
                }
            }
        }
    }

    /** A new temporary file beside the target, open for writing and locked. */
    private static final class Temporary implements AutoCloseable {
        private static final SecureRandom RANDOM = new SecureRandom();
        final Path path;
        final FileChannel channel;

        private Temporary(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        /**
         * Creates and locks a fresh temporary file. Between the two, a concurrent save may
         * take the unlocked file for a dead writer's and delete it (it holds the lock while it
         * does); so the name is checked once locked, and a lost file is replaced by another.
         */
        static Temporary create(Path target) throws IOException {
            Path dir = target.getParent();
            for (int attempt = 0; ; attempt++) {
                Path p = dir.resolve("." + target.getFileName() + "."
                        + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
                FileChannel ch;
                try {
                    ch = FileChannel.open(p, Set.of(StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE), privately(dir));
                } catch (FileAlreadyExistsException e) {
                    continue;
                }
                FileLock lock = null;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    // a save in this JVM is removing it as stale
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                if (lock != null && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    return new Temporary(p, ch);
                }
                ch.close();
                if (attempt > 100) {
                    throw new IOException("cannot keep a temporary file in " + dir);
                }
            }
        }

        /** rw------- where the file system has POSIX permissions. */
        private static FileAttribute<?>[] privately(Path dir) {
            return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Deletes the temporaries of {@code target} left by writers that died before renaming
     * them: those it can lock. Best effort; a temporary it cannot open or lock is left.
     */
    private static void removeStaleTemporaries(Path target) {
        Pattern name = Pattern.compile(Pattern.quote("." + target.getFileName() + ".")
                + "\\d+\\.tmp");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target.getParent(),
                p -> name.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.tryLock();
                    if (lock != null) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException | OverlappingFileLockException ignored) {
                    // gone meanwhile, not ours to open, or being written in this JVM
                }
            }
        } catch (IOException | DirectoryIteratorException ignored) {
            // the directory cannot be listed: nothing is removed
        }
    }

    /**
     * Temporary files are private (rw-------); the saved file gets the target's permissions,
     * or rw-r--r-- for a new file, as a plain write would give it.
     */
    private static void readableLikeTarget(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Makes the rename durable where the platform allows syncing a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every platform can open a directory; the file itself is already on disk
        }
    }

    /** The model saved in {@code file}. */
    public static Model load(Path file) {
        byte[] data;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE) {
                throw new InvalidInputException(file + ": " + size + " bytes is too large for "
                        + "an .mcz file");
            }
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw ioProblem("cannot read", file, e);
        }
        return decode(data, file.toString());
    }

    private static UncheckedIOException ioProblem(String what, Path file, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else {
            why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new UncheckedIOException(what + " " + file + ": " + why, e);
    }

    private static void checkFinite(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (!Float.isFinite(t.value(i))) {
                throw new InvalidInputException("cannot save: " + t.name() + " holds "
                        + t.value(i) + " at position " + i);
            }
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static String inflate(byte[] packed, int length) {
        if (length < 0 || length > MAX_HEADER) {
            throw new InvalidInputException("header of " + length + " bytes is too large");
        }
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(packed);
            byte[] out = new byte[length + 1];
            int n = 0;
            while (n <= length && !inf.finished()) {
                int got = inf.inflate(out, n, length + 1 - n);
                if (got == 0) {
                    break;
                }
                n += got;
            }
            if (n != length || !inf.finished()) {
                throw new InvalidInputException("header is damaged (length inconsistent)");
            }
            return new String(out, 0, length, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new InvalidInputException("header is damaged (" + e.getMessage() + ")");
        } finally {
            inf.end();
        }
    }
}
