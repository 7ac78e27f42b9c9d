package mcs.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Loads damaged copies of a model file (truncated at evenly spaced lengths, or with one byte
 * changed at a seeded random position) and checks that each load gives a model or an
 * {@link InvalidInputException} whose message names the file, within {@link #MAX_CPU_NANOS} of
 * CPU time and {@link #MAX_ALLOCATED} bytes allocated. Cost is measured on the loading thread
 * (its CPU time and the bytes it allocated), so a loaded machine does not make a load look slow
 * and garbage collected in between does not hide an allocation.
 */
public final class DamagedFiles {

    /** The most CPU time one load may take. */
    public static final long MAX_CPU_NANOS = 2_000_000_000L;
    /** The most bytes one load may allocate. */
    public static final long MAX_ALLOCATED = 512L << 20;
    /** A load still running after this much wall time is reported as hanging. */
    private static final long HANG_SECONDS = 60;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** How one load ended: a model (error null) or an exception, and what it cost. */
    public record Outcome(String variant, Throwable error, long cpuNanos, long allocated) {

        public boolean loaded() {
            return error == null;
        }
    }

    /** What was loaded and how it went; {@link #failures} lists what breaks the contract. */
    public static final class Report {
        private final String file;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();

        Report(String file) {
            this.file = file;
        }

        public List<String> failures() {
            return failures;
        }

        public int loads() {
            return outcomes.size();
        }

        public long models() {
            return outcomes.stream().filter(Outcome::loaded).count();
        }

        public long refusals() {
            return outcomes.stream().filter(o -> o.error() instanceof InvalidInputException).count();
        }

        public long maxCpuNanos() {
            return outcomes.stream().mapToLong(Outcome::cpuNanos).max().orElse(0);
        }

        public long maxAllocated() {
            return outcomes.stream().mapToLong(Outcome::allocated).max().orElse(0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d loads, %d models, %d refused, %d failures;"
                    + " max %.0f ms CPU, max %s allocated", file, loads(), models(), refusals(),
                    failures.size(), maxCpuNanos() / 1e6, Memory.size(maxAllocated()));
        }
    }

    private DamagedFiles() {
    }

    /**
     * Lengths {@code i * length / count} for {@code i = 0 .. count - 1}: the empty file up to
     * the last {@code 1/count} missing.
     */
    public static int[] truncations(int length, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (int) ((long) length * i / count);
        }
        return out;
    }

    /** One changed byte: position and the non-zero mask xor-ed into it. */
    public record Flip(int position, byte mask) {
    }

    /** {@code count} seeded single-byte changes of a file of {@code length} bytes. */
    public static List<Flip> flips(int length, int count, long seed) {
        Random r = new Random(seed);
        List<Flip> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Flip(r.nextInt(length), (byte) (1 + r.nextInt(255))));
        }
        return out;
    }

    /** Any damaged copy: what was done and the bytes. */
    /** Prints the report and fails, showing a few of them, when any load failed. */
    public static void assertKept(Report r) {
        System.out.println(r);
        org.assertj.core.api.Assertions.assertThat(r.failures())
                .as("%s\n%s", r, summary(r.failures(), 3)).isEmpty();
    }

    /**
     * {@code count} variants made one at a time as they are iterated, each by {@code make}
     * from one random generator seeded with {@code seed}: the same ones on every run, and never
     * all in memory at once.
     */
    public static Iterable<Variant> generated(int count, long seed,
                                              Function<java.util.Random, Variant> make) {
        return () -> new java.util.Iterator<>() {
            private final java.util.Random r = new java.util.Random(seed);
            private int made;

            @Override
            public boolean hasNext() {
                return made < count;
            }

            @Override
            public Variant next() {
                if (made >= count) {
                    throw new java.util.NoSuchElementException();
                }
                made++;
                return make.apply(r);
            }
        };
    }

    public record Variant(String label, byte[] bytes) {
    }

    /**
     * Writes each damaged copy of {@code good} to {@code damaged} (whose name the errors must
     * show) and loads it with {@code load}, which gets the damaged file's path.
     */
    public static Report check(byte[] good, Path damaged, int[] cuts, List<Flip> flips,
                               Function<Path, ?> load) {
        Report report = new Report(damaged.getFileName().toString());
        ExecutorService exec = loader();
        try {
            for (int cut : cuts) {
                write(damaged, good, cut);
                run(exec, report, "cut to " + cut + " of " + good.length + " bytes", damaged, load);
            }
            for (Flip f : flips) {
                byte old = good[f.position()];
                good[f.position()] ^= f.mask();
                try {
                    write(damaged, good, good.length);
                } finally {
                    good[f.position()] = old;
                }
                run(exec, report, String.format(Locale.ROOT, "byte %d ^ 0x%02x", f.position(),
                        f.mask() & 0xff), damaged, load);
            }
        } finally {
            exec.shutdownNow();
        }
        return report;
    }

    /** Like {@link #check(byte[], Path, int[], List, Function)} for copies made elsewhere. */
    public static Report check(Path damaged, Iterable<Variant> variants, Function<Path, ?> load) {
        Report report = new Report(damaged.getFileName().toString());
        ExecutorService exec = loader();
        try {
            for (Variant v : variants) {
                write(damaged, v.bytes(), v.bytes().length);
                run(exec, report, v.label(), damaged, load);
            }
        } finally {
            exec.shutdownNow();
        }
        return report;
    }

    /** Loads once, here, and returns how it went and what it cost. */
    public static Outcome measure(String variant, Path file, Function<Path, ?> load) {
        long tid = Thread.currentThread().getId();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long alloc0 = THREADS.getThreadAllocatedBytes(tid);
        Throwable error = null;
        try {
            if (load.apply(file) == null) {
                error = new AssertionError("the loader returned null");
            }
        } catch (Throwable t) {
            error = t;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long alloc = THREADS.getThreadAllocatedBytes(tid) - alloc0;
        return new Outcome(variant, error, cpu, alloc);
    }

    /** What is wrong with an outcome for a file of this name, or null when it keeps the contract. */
    public static String problem(Outcome o, String name) {
        List<String> p = new ArrayList<>();
        if (o.error() != null && !(o.error() instanceof InvalidInputException)) {
            p.add(describe(o.error()));
        } else if (o.error() != null) {
            String m = o.error().getMessage();
            if (m == null || !m.contains(name) || m.replace(name, "").strip().length() < 10) {
                p.add("the message does not name the file and the problem: " + m);
            }
        }
        if (o.cpuNanos() > MAX_CPU_NANOS) {
            p.add(String.format(Locale.ROOT, "took %.1f s of CPU", o.cpuNanos() / 1e9));
        }
        if (o.allocated() > MAX_ALLOCATED) {
            p.add("allocated " + Memory.size(o.allocated()));
        }
        return p.isEmpty() ? null : String.join("; ", p);
    }

    private static ExecutorService loader() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "damaged-load");
            t.setDaemon(true);
            return t;
        });
    }

    private static void run(ExecutorService exec, Report report, String variant, Path file,
                            Function<Path, ?> load) {
        Future<Outcome> f = exec.submit(() -> measure(variant, file, load));
        Outcome o;
        try {
            o = f.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(report.file + " " + variant + ": still loading after "
                    + HANG_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        report.outcomes.add(o);
        String problem = problem(o, report.file);
        if (problem != null) {
            report.failures.add(report.file + " " + variant + ": " + problem);
        }
    }

    /** The exception and where it was thrown, for the failure list. */
    public static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) {
            b.append("\n        at ").append(st[i]);
        }
        return b.toString();
    }

    /** The failures grouped by their first line, most frequent first, for a readable report. */
    public static String summary(List<String> failures, int examples) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (String f : failures) {
            String[] lines = f.split("\n", 3);
            String kind = f.substring(f.indexOf(": ") + 2).split("\n")[0].replaceAll("\\d+", "#")
                    + (lines.length > 1 ? lines[1] : "");
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(f);
        }
        StringBuilder b = new StringBuilder();
        byKind.values().stream().sorted((x, y) -> y.size() - x.size()).forEach(list -> {
            b.append(list.size()).append(" x ").append(list.get(0)).append('\n');
            for (int i = 1; i < Math.min(examples, list.size()); i++) {
                b.append("    also ").append(list.get(i).split("\n")[0]).append('\n');
            }
        });
        return b.toString();
    }

    private static void write(Path file, byte[] data, int length) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(data, 0, length);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a file. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
