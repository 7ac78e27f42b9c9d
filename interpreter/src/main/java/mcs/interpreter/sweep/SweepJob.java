package mcs.interpreter.sweep;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;

/**
 * What every task of a sweep shares: the base model as an {@code .mcz} file, its fingerprint
 * (which names it in a results file), and where the data comes from.
 */
public record SweepJob(byte[] base, String fingerprint, DataRef data) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The job that sweeps {@code base} on {@code data}. */
    public static SweepJob of(Model base, DataRef data) {
        byte[] mcz = McsFile.encode(base);
        return new SweepJob(mcz, fingerprint(mcz), data);
    }

    /** The first 8 bytes of the SHA-256 of a model file, in hex. */
    static String fingerprint(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
