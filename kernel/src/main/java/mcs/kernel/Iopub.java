package mcs.kernel;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * The iopub channel: what the kernel broadcasts (status, streams, results, displays, errors),
 * each message with the request it belongs to as parent. Shared by the shell and control
 * threads, so sending is synchronised.
 */
final class Iopub {

    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final String session;

    Iopub(ZMQ.Socket socket, WireCodec codec, String session) {
        this.socket = socket;
        this.codec = codec;
        this.session = session;
    }

    /** Publishes a message of {@code type} whose parent is {@code parent} (null: none). */
    void publish(Message parent, String type, JsonObject content) {
        byte[] topic = ("kernel." + session + "." + type).getBytes(StandardCharsets.UTF_8);
        Message m = new Message(List.of(topic), Message.header(type, session),
                parent == null ? new JsonObject() : parent.header(), new JsonObject(), content,
                List.of());
        List<byte[]> frames = codec.encode(m);
        synchronized (this) {
            // takes in subscriptions that arrived since the last send, so a client that has
            // just connected gets this message (a PUB socket learns of them only when used)
            socket.getEvents();
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    /** {@code status} with {@code execution_state} busy, idle or starting. */
    void status(Message parent, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publish(parent, "status", content);
    }

    /** A {@code stream} message: text on stdout or stderr. */
    void stream(Message parent, String name, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        publish(parent, "stream", content);
    }
}
