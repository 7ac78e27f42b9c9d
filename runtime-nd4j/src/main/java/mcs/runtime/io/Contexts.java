package mcs.runtime.io;

/**
 * Adaptive probabilities for binary decisions, one per context: each context counts the zeros
 * and ones it has seen and predicts a zero with the Krichevsky-Trofimov estimate
 * {@code (n0 + 1/2) / (n0 + n1 + 1)}, so a stationary source costs close to its entropy. Counts
 * are halved past {@value #LIMIT} so that a context still follows slow drifts. The encoder and
 * the decoder update identical copies, so they always agree on every probability.
 */
final class Contexts {

    /** Probabilities are 16-bit fixed point: {@code p0 = prob / 65536}. */
    static final int PROB_BITS = 16;
    private static final int LIMIT = 1 << 13;
    private static final int MIN_PROB = 16;
    private static final int MAX_PROB = (1 << PROB_BITS) - MIN_PROB;

    private final int[] counts;

    Contexts(int size) {
        counts = new int[2 * size];
    }

    int size() {
        return counts.length / 2;
    }

    /** The probability of a 0 in context {@code ctx}, in 1/65536 units, never 0 or 1. */
    int probZero(int ctx) {
        long n0 = counts[2 * ctx], n1 = counts[2 * ctx + 1];
        long p = ((2 * n0 + 1) << PROB_BITS) / (2 * (n0 + n1) + 2);
        return (int) Math.max(MIN_PROB, Math.min(MAX_PROB, p));
    }

    void update(int ctx, int bit) {
        int at = 2 * ctx;
        counts[at + bit]++;
        if (counts[at] + counts[at + 1] > LIMIT) {
            counts[at] = (counts[at] + 1) >>> 1;
            counts[at + 1] = (counts[at + 1] + 1) >>> 1;
        }
    }
}
