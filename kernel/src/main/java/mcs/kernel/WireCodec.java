package mcs.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ frames and back:
 * {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content,
 * buffers...]}. Decoding checks the signature before anything is parsed and refuses a signature
 * it has seen before (a replayed message), so a frame list that is not a genuine message from
 * the client never becomes a {@link Message}. Thread-safe.
 */
final class WireCodec {

    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** What decoding frames gave: a message, or why the frames were refused. */
    sealed interface Decoded permits Accepted, Rejected { }

    record Accepted(Message message) implements Decoded { }

    record Rejected(String reason) implements Decoded { }

    private final MessageSigner signer;
    private final DigestMemory seen = new DigestMemory();

    WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    List<byte[]> encode(Message m) {
        List<byte[]> body = List.of(utf8(m.header()), utf8(m.parentHeader()), utf8(m.metadata()),
                utf8(m.content()));
        List<byte[]> frames = new ArrayList<>(m.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(body).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(body);
        frames.addAll(m.buffers());
        return frames;
    }

    Decoded decode(List<byte[]> frames) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            return new Rejected("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            return new Rejected("only " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, 5 needed");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        List<byte[]> body = frames.subList(delimiter + 2, delimiter + 6);
        if (signer.signs() && signature.isEmpty()) {
            return new Rejected("unsigned message");
        }
        if (!signer.verify(signature, body)) {
            return new Rejected("bad signature");
        }
        if (signer.signs() && !seen.remember(signature)) {
            return new Rejected("replayed message (signature seen before)");
        }
        try {
            JsonObject header = object(body.get(0), "header");
            if (Message.string(header, "msg_type").isEmpty()) {
                return new Rejected("header without msg_type");
            }
            return new Accepted(new Message(frames.subList(0, delimiter), header,
                    object(body.get(1), "parent_header"), object(body.get(2), "metadata"),
                    object(body.get(3), "content"), frames.subList(delimiter + 6, frames.size())));
        } catch (JsonParseException | IllegalStateException e) {
            return new Rejected(e.getMessage());
        }
    }

    private static JsonObject object(byte[] frame, String what) {
        JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
        if (!e.isJsonObject()) {
            throw new IllegalStateException(what + " is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static byte[] utf8(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
