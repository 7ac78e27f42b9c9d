package mcs.kernel;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * The signatures of the messages taken lately, so a message sent again verbatim (a replay) is
 * refused, as the messaging spec suggests. Bounded: two generations of at most half the
 * capacity each; when the newer fills up, the older is forgotten, so the last
 * {@code capacity / 2} to {@code capacity} signatures are remembered. Each is kept as the
 * first 64 bits of its HMAC, which the signer has just checked (a genuine message then looks
 * like a replay with odds of one in 2^64 / capacity). jupyter_client remembers 2^16 too; the
 * 4096 signatures remembered before let a message be replayed once 4096 other signed ones had
 * come after it. Thread-safe.
 */
final class DigestMemory {

    /** As jupyter_client's {@code Session.digest_history_size}. */
    static final int CAPACITY = 1 << 16;

    private final int generation;
    private Set<Long> older = new HashSet<>();
    private Set<Long> newer = new HashSet<>();

    DigestMemory() {
        this(CAPACITY);
    }

    DigestMemory(int capacity) {
        this.generation = Math.max(1, capacity / 2);
    }

    /** Remembers a hex signature; false when it was remembered already (a replay). */
    synchronized boolean remember(String signature) {
        Long key = key(signature);
        if (older.contains(key) || !newer.add(key)) {
            return false;
        }
        if (newer.size() >= generation) {
            older = newer;
            newer = new HashSet<>();
        }
        return true;
    }

    private static Long key(String signature) {
        String hex = signature.length() >= 16 ? signature.substring(0, 16) : signature;
        try {
            return HexFormat.fromHexDigitsToLong(hex);
        } catch (IllegalArgumentException e) {
            return (long) signature.hashCode(); // not hex: only with another signer
        }
    }
}
