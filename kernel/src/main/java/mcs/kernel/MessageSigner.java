package mcs.kernel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks messages as the Jupyter protocol says: the lower-case hex HMAC of the header,
 * parent header, metadata and content frames, with the connection file's key. An empty key
 * means messages are neither signed nor checked. Thread-safe.
 */
final class MessageSigner {

    private final Mac mac;

    /**
     * @param scheme {@code hmac-sha256} (or another {@code hmac-*} the JDK knows)
     * @param key    the shared key; empty for no signing
     * @throws IllegalArgumentException for an unknown scheme
     */
    MessageSigner(String scheme, String key) {
        if (key.isEmpty()) {
            mac = null;
            return;
        }
        String algorithm = "Hmac" + scheme.substring(scheme.indexOf('-') + 1)
                .toUpperCase(java.util.Locale.ROOT);
        try {
            mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("signature scheme " + scheme
                    + " is not available: " + e.getMessage(), e);
        }
    }

    /** Whether messages are signed (the key is not empty). */
    boolean signs() {
        return mac != null;
    }

    /** The signature of the four frames; "" without a key. */
    String sign(List<byte[]> frames) {
        if (mac == null) {
            return "";
        }
        synchronized (mac) {
            for (byte[] frame : frames) {
                mac.update(frame);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        }
    }

    /** Whether {@code signature} is the one of the frames, compared in constant time. */
    boolean verify(String signature, List<byte[]> frames) {
        if (mac == null) {
            return true;
        }
        byte[] expected = sign(frames).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
