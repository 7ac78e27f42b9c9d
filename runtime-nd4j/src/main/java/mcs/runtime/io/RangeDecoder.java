package mcs.runtime.io;

/**
 * The reading half of {@link RangeEncoder}: decodes the same calls in the same order from a
 * slice of bytes. Reading past the end of the slice yields zero bytes and is remembered, so a
 * caller can tell a truncated or inconsistent stream ({@link #overrun}) without exceptions in
 * the inner loops; every loop over decoded counts is bounded by its caller.
 */
final class RangeDecoder {

    private static final long TOP = 1L << 24;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private final byte[] in;
    private final int end;
    private int pos;
    private int overrun;
    private long range = MASK32;
    private long code;

    RangeDecoder(byte[] in, int offset, int length) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        for (int i = 0; i < 5; i++) {
            code = ((code << 8) | next()) & MASK32;
        }
    }

    int bit(Contexts m, int ctx) {
        long bound = (range >>> Contexts.PROB_BITS) * m.probZero(ctx);
        int b;
        if (code < bound) {
            range = bound;
            b = 0;
        } else {
            code -= bound;
            range -= bound;
            b = 1;
        }
        m.update(ctx, b);
        normalize();
        return b;
    }

    /** Reads a value of {@code bits} bits coded by {@link RangeEncoder#tree}. */
    int tree(Contexts m, int base, int bits) {
        int node = 1;
        for (int i = 0; i < bits; i++) {
            node = (node << 1) | bit(m, base + node);
        }
        return node - (1 << bits);
    }

    /** Reads {@code bits} bits written by {@link RangeEncoder#direct}. */
    long direct(int bits) {
        long v = 0;
        int left = bits;
        while (left > 0) {
            int k = Math.min(left, 16);
            left -= k;
            range >>>= k;
            long c = Math.min(code / range, (1L << k) - 1);
            code -= c * range;
            v = (v << k) | c;
            normalize();
        }
        return v;
    }

    /** A varint of at most 63 bits; longer ones are corrupt and give -1. */
    long varint() {
        long v = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            long group = direct(8);
            v |= (group & 0x7F) << shift;
            if ((group & 0x80) == 0) {
                return v;
            }
        }
        return -1;
    }

    private void normalize() {
        while (range < TOP) {
            range = (range << 8) & MASK32;
            code = ((code << 8) | next()) & MASK32;
        }
    }

    private int next() {
        if (pos < end) {
            return in[pos++] & 0xFF;
        }
        overrun++;
        return 0;
    }

    /** Bytes read past the end of the slice (0 for a stream read exactly as written). */
    int overrun() {
        return overrun;
    }

    /** Bytes of the slice not read yet. */
    int remaining() {
        return end - pos;
    }
}
