package mcs.fuzz;

import java.lang.management.ManagementFactory;
import mcs.runtime.InvalidInputException;

/**
 * What every fuzz target allows an input to do: give a value or refuse it with
 * {@link InvalidInputException}. Anything else it throws is a finding, and so is allocating more
 * than {@link #MAX_ALLOCATION} bytes for it: inputs are far below 1 MB, so such an allocation
 * means a size read from the input was trusted. Hangs are caught by Jazzer's per-input timeout
 * (junit-platform.properties).
 *
 * <p>Allocation is counted per thread by the JVM (all of it, garbage included), so the check
 * costs a counter read and catches an allocation even when the heap could hold it. Loading and
 * instrumenting classes for the first input that reaches them is counted too, so an input over
 * the limit is run once more and is a finding only if it is over again.
 */
public final class Limits {

    /** Bytes one input may make the code under test allocate. */
    public static final long MAX_ALLOCATION = 256L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Limits() {
    }

    /** Work on one fuzz input, which may throw anything; see {@link #run}. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work}, letting {@link InvalidInputException} pass as a refusal, and fails when
     * it allocated more than {@link #MAX_ALLOCATION} bytes.
     */
    public static void run(Work work) throws Exception {
        if (measured(work) > MAX_ALLOCATION) {
            long again = measured(work);
            if (again > MAX_ALLOCATION) {
                throw new AssertionError("one input allocated " + (again >> 20) + " MB (limit "
                        + (MAX_ALLOCATION >> 20) + " MB)");
            }
        }
    }

    /** Runs {@code work} as {@link #run} does and returns the bytes it allocated. */
    private static long measured(Work work) throws Exception {
        long before = allocated();
        try {
            work.run();
        } catch (InvalidInputException refused) {
            if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                throw new AssertionError("a refusal without a message", refused);
            }
        }
        return allocated() - before;
    }

    /** A file in a directory of its own, deleted when the JVM exits, for file-reading targets. */
    public static java.nio.file.Path scratch(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mcs-fuzz-");
            dir.toFile().deleteOnExit();
            java.nio.file.Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Bytes this thread has allocated so far. */
    public static long allocated() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
