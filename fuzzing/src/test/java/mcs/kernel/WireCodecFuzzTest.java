package mcs.kernel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mcs.fuzz.Limits;

/**
 * The kernel's decoding of ZeroMQ frames, as they come from any process that can reach its
 * sockets: decoding must give a message or a reason to refuse, never throw. An input is a mode
 * byte and frames separated by 0xFF (a byte UTF-8 never uses):
 * <ul>
 * <li>mode 0: no key, so nothing is checked and every JSON part is parsed;</li>
 * <li>mode 1: a key, and the signature frame replaced by the right one, so the fuzzer reaches
 * the parsing of signed messages; decoding the same frames again must be refused as a replay;</li>
 * <li>other modes: a key and the frames as given, so the signature check itself is fuzzed.</li>
 * </ul>
 * An accepted message must answer the accessors the kernel uses and survive a reply's round
 * trip through {@link WireCodec#encode}.
 */
class WireCodecFuzzTest {

    private static final String KEY = "a0f4c6b2-5d1e-4f7a-9c3b-fuzz";

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        int mode = data[0] & 0xFF;
        List<byte[]> frames = frames(data);
        Limits.run(() -> {
            MessageSigner signer = new MessageSigner("hmac-sha256", mode == 0 ? "" : KEY);
            WireCodec codec = new WireCodec(signer);
            if (mode == 1) {
                sign(frames, signer);
            }
            WireCodec.Decoded first = codec.decode(frames);
            check(first, codec);
            if (mode == 1 && first instanceof WireCodec.Accepted
                    && !(codec.decode(frames) instanceof WireCodec.Rejected)) {
                throw new AssertionError("a signed message was accepted twice");
            }
        });
    }

    /** The frames after the mode byte, split at each 0xFF. */
    static List<byte[]> frames(byte[] data) {
        List<byte[]> frames = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= data.length; i++) {
            if (i == data.length || data[i] == (byte) 0xFF) {
                frames.add(Arrays.copyOfRange(data, start, i));
                start = i + 1;
            }
        }
        return frames;
    }

    private static void sign(List<byte[]> frames, MessageSigner signer) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), WireCodec.DELIMITER)) {
                if (frames.size() >= i + 6) {
                    frames.set(i + 1, signer.sign(frames.subList(i + 2, i + 6))
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                }
                return;
            }
        }
    }

    private static void check(WireCodec.Decoded decoded, WireCodec codec) {
        if (decoded instanceof WireCodec.Rejected r) {
            if (r.reason() == null || r.reason().isEmpty()) {
                throw new AssertionError("refused without a reason");
            }
            return;
        }
        Message m = ((WireCodec.Accepted) decoded).message();
        if (m.type().isEmpty()) {
            throw new AssertionError("accepted a message without a type");
        }
        m.id();
        for (JsonObject part : List.of(m.header(), m.parentHeader(), m.metadata(), m.content())) {
            for (String key : part.keySet()) {
                Message.string(part, key);
                Message.flag(part, key, false);
                Message.integer(part, key, 0);
            }
        }
        Message reply = m.reply(m.type() + "_reply", "fuzz", m.content());
        WireCodec.Decoded back = codec.decode(codec.encode(reply));
        if (!(back instanceof WireCodec.Accepted a) || !a.message().content().equals(m.content())) {
            throw new AssertionError("a reply did not come back from its own frames: " + back);
        }
    }
}
