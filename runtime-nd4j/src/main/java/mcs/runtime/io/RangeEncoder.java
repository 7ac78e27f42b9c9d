package mcs.runtime.io;

import java.util.Arrays;

/**
 * A binary arithmetic (range) coder, the writing half: 32-bit range, 64-bit low with carry
 * propagation through a cached byte, as LZMA's range coder, but with the count-based adaptive
 * probabilities of {@link Contexts}. Symbols are coded bit by bit: adaptive bits in a context,
 * bit trees for small alphabets (one context per tree node, so the whole distribution adapts),
 * and direct bits at probability 1/2 for data that does not compress. {@link RangeDecoder} reads
 * what this writes; {@link #finish} must be called once at the end.
 */
final class RangeEncoder {

    private static final long TOP = 1L << 24;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private byte[] out = new byte[256];
    private int size;
    private long low;
    private long range = MASK32;
    private int cache;
    private long cacheSize = 1;
    private boolean finished;

    /** Codes {@code bit} with the adaptive probability of context {@code ctx}, then updates it. */
    void bit(Contexts m, int ctx, int bit) {
        long bound = (range >>> Contexts.PROB_BITS) * m.probZero(ctx);
        if (bit == 0) {
            range = bound;
        } else {
            low += bound;
            range -= bound;
        }
        m.update(ctx, bit);
        normalize();
    }

    /**
     * Codes the low {@code bits} bits of {@code value}, most significant first, in a bit tree
     * whose nodes are contexts {@code base + 1 .. base + 2^bits - 1} of {@code m}.
     */
    void tree(Contexts m, int base, int bits, int value) {
        int node = 1;
        for (int i = bits - 1; i >= 0; i--) {
            int b = (value >>> i) & 1;
            bit(m, base + node, b);
            node = (node << 1) | b;
        }
    }

    /**
     * Codes the low {@code bits} bits (at most 63) of {@code value} at probability 1/2 each, up
     * to 16 bits per step of the coder.
     */
    void direct(long value, int bits) {
        int left = bits;
        while (left > 0) {
            int k = Math.min(left, 16);
            left -= k;
            range >>>= k;
            low += ((value >>> left) & ((1L << k) - 1)) * range;
            normalize();
        }
    }

    /** A non-negative number in groups of 7 direct bits, each with a continuation bit. */
    void varint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint " + value);
        }
        long v = value;
        while (v >= 0x80) {
            direct((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        direct(v, 8);
    }

    private void normalize() {
        while (range < TOP) {
            range = (range << 8) & MASK32;
            shiftLow();
        }
    }

    private void shiftLow() {
        if (low < 0xFF00_0000L || low > MASK32) {
            int carry = (int) (low >>> 32);
            int pending = cache;
            do {
                write(pending + carry);
                pending = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 24) & 0xFF);
        }
        cacheSize++;
        low = (low & 0x00FF_FFFFL) << 8;
    }

    private void write(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[size++] = (byte) b;
    }

    /** Flushes the coder and returns everything written. */
    byte[] finish() {
        if (!finished) {
            for (int i = 0; i < 5; i++) {
                shiftLow();
            }
            finished = true;
        }
        return Arrays.copyOf(out, size);
    }
}
