package mcs.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * One Jupyter message: the ZeroMQ routing identities it came with (or, on iopub, its topic),
 * header, parent header, metadata, content and binary buffers. The JSON parts are not copied:
 * treat them as read-only once the message is made.
 */
record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
               JsonObject metadata, JsonObject content, List<byte[]> buffers) {

    /** The protocol version this kernel speaks. */
    static final String PROTOCOL_VERSION = "5.3";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    Message {
        identities = List.copyOf(identities);
        buffers = List.copyOf(buffers);
    }

    /** {@code header.msg_type}, or "" when missing. */
    String type() {
        return string(header, "msg_type");
    }

    /** {@code header.msg_id}, or "" when missing. */
    String id() {
        return string(header, "msg_id");
    }

    /** A new header for a message of {@code type} sent by the kernel's {@code session}. */
    static JsonObject header(String type, String session) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", "mcs");
        h.addProperty("date", DATE.format(Instant.now()));
        h.addProperty("msg_type", type);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    /** A reply to this message: same identities, this header as parent. */
    Message reply(String type, String session, JsonObject content) {
        return new Message(identities, header(type, session), header, new JsonObject(), content,
                List.of());
    }

    /** A content field as a string, or "" when missing or not a string. */
    static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }

    /** A content field as a boolean, or {@code fallback} when missing or not a boolean. */
    static boolean flag(JsonObject o, String name, boolean fallback) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()
                ? e.getAsBoolean() : fallback;
    }

    /**
     * A content field as an int, or {@code fallback} when missing or not a whole number in int's
     * range. The number is read as a double: Gson's own conversion of a number such as
     * {@code 1e99999999999} throws, and truncates other large ones to a wrong int.
     */
    static int integer(JsonObject o, String name, int fallback) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return fallback;
        }
        double d = e.getAsDouble();
        return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : fallback;
    }
}
