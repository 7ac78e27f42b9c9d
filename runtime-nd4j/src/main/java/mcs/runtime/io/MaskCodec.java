package mcs.runtime.io;

/**
 * Which positions of a tensor are kept, entropy-coded one of two ways: as a bitmap (one
 * adaptive bit per position, in the context of the three bits before it, which also captures
 * runs and N:M patterns) or as gaps between kept positions (the number of kept positions, then
 * each gap in an adaptive Elias-gamma code: its bit length in unary, then its bits, every bit
 * with its own context). {@link TensorCodec} tries both and keeps the shorter.
 */
final class MaskCodec {

    static final int BITMAP = 0;
    static final int GAPS = 1;

    private static final int ORDER = 3;
    private static final int MAX_LENGTH_BITS = 32;

    private MaskCodec() {
    }

    static void encode(RangeEncoder e, boolean[] kept, int mode) {
        e.direct(mode, 1);
        if (mode == BITMAP) {
            Contexts m = new Contexts(1 << ORDER);
            int ctx = 0;
            for (boolean k : kept) {
                int b = k ? 1 : 0;
                e.bit(m, ctx, b);
                ctx = ((ctx << 1) | b) & ((1 << ORDER) - 1);
            }
            return;
        }
        int count = 0;
        for (boolean k : kept) {
            count += k ? 1 : 0;
        }
        e.varint(count);
        Contexts unary = new Contexts(MAX_LENGTH_BITS + 1);
        Contexts mantissa = new Contexts(MAX_LENGTH_BITS * MAX_LENGTH_BITS);
        int last = -1;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                gap(e, unary, mantissa, i - last);
                last = i;
            }
        }
    }

    /** Codes {@code v >= 1}: its bit length - 1 in unary, then its bits below the top one. */
    private static void gap(RangeEncoder e, Contexts unary, Contexts mantissa, long v) {
        int nb = 63 - Long.numberOfLeadingZeros(v);
        for (int j = 0; j < nb; j++) {
            e.bit(unary, j, 1);
        }
        e.bit(unary, nb, 0);
        for (int j = nb - 1; j >= 0; j--) {
            e.bit(mantissa, nb * MAX_LENGTH_BITS + j, (int) ((v >>> j) & 1));
        }
    }

    /** The mask of {@code n} positions, or null when the stream does not describe one. */
    static boolean[] decode(RangeDecoder d, int n) {
        int mode = (int) d.direct(1);
        boolean[] kept = new boolean[n];
        if (mode == BITMAP) {
            Contexts m = new Contexts(1 << ORDER);
            int ctx = 0;
            for (int i = 0; i < n; i++) {
                int b = d.bit(m, ctx);
                kept[i] = b == 1;
                ctx = ((ctx << 1) | b) & ((1 << ORDER) - 1);
            }
            return kept;
        }
        long count = d.varint();
        if (count < 0 || count > n) {
            return null;
        }
        Contexts unary = new Contexts(MAX_LENGTH_BITS + 1);
        Contexts mantissa = new Contexts(MAX_LENGTH_BITS * MAX_LENGTH_BITS);
        long pos = -1;
        for (long c = 0; c < count; c++) {
            int nb = 0;
            while (nb < MAX_LENGTH_BITS - 1 && d.bit(unary, nb) == 1) {
                nb++;
            }
            long v = 1;
            for (int j = nb - 1; j >= 0; j--) {
                v = (v << 1) | d.bit(mantissa, nb * MAX_LENGTH_BITS + j);
            }
            pos += v;
            if (pos >= n) {
                return null;
            }
            kept[(int) pos] = true;
        }
        return kept;
    }
}
