package mcs.runtime;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * The memory limits mcs runs within, and the checks that refuse work that cannot fit before
 * anything is allocated: the JVM heap holds models' tensors ({@code MCS_HEAP} for
 * {@code ./mcs}, the JVM's -Xmx), the off-heap limit ND4J's arrays ({@code MCS_OFFHEAP},
 * javacpp's maxbytes). A refusal is an {@link InvalidInputException} that says what needs how
 * much and which limit to raise.
 */
public final class Memory {

    /** The largest Java array, in elements (a tensor is one float array). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {
    }

    /** The most the heap may grow to, in bytes. */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The most ND4J may allocate off the heap, in bytes (0 when unknown). */
    public static long offHeapLimit() {
        return Pointer.maxBytes();
    }

    /**
     * Refuses {@code bytes} of new heap data for {@code what} when they exceed the heap's
     * limit. Only the limit counts, not what is in use now: that may be garbage a collection
     * frees.
     */
    public static void requireHeap(String what, long bytes) {
        long limit = heapLimit();
        if (bytes > limit) {
            throw new InvalidInputException(what + " would take " + size(bytes) + ", more than "
                    + "the heap's " + size(limit) + " limit\ngive mcs more (MCS_HEAP="
                    + gigabytes(bytes * 5 / 4) + " ./mcs ...; -Xmx for java) or make it smaller");
        }
    }

    /** Refuses {@code bytes} of ND4J arrays for {@code what} beyond the off-heap limit. */
    public static void requireOffHeap(String what, long bytes) {
        long limit = offHeapLimit();
        if (limit > 0 && bytes > limit) {
            throw new InvalidInputException(what + " would take " + size(bytes) + " off the "
                    + "heap, more than its " + size(limit) + " limit\ngive mcs more (MCS_OFFHEAP="
                    + gigabytes(bytes * 5 / 4) + " ./mcs ...; -Dorg.bytedeco.javacpp.maxbytes for "
                    + "java) or make it smaller");
        }
    }

    /** Refuses a tensor of more values than one Java array holds. */
    public static void requireArray(String what, long values) {
        if (values > MAX_ARRAY) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s has %,d values; one "
                    + "tensor holds at most %,d", what, values, MAX_ARRAY));
        }
    }

    /** {@code 1.5 GB}, {@code 24.0 MB}, {@code 512 bytes}: powers of 1024. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A heap size to suggest, in whole gigabytes, rounded up: {@code 30g}. */
    private static String gigabytes(long bytes) {
        return ((bytes + (1L << 30) - 1) >> 30) + "g";
    }
}
