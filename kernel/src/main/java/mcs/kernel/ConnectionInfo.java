package mcs.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a Jupyter connection file says: where to bind the five channels and the key that signs
 * messages.
 */
record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                      int controlPort, int hbPort, String key, String signatureScheme) {

    /** A connection file that cannot be used, with the reason. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Reads and checks a connection file. */
    static ConnectionInfo read(Path file) throws IOException, Invalid {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (Invalid e) {
            throw new Invalid(file + ": " + e.getMessage());
        }
    }

    static ConnectionInfo parse(String json) throws Invalid {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(json);
            if (!e.isJsonObject()) {
                throw new Invalid("not a JSON object");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new Invalid("not valid JSON: " + e.getMessage());
        }
        String transport = text(o, "transport", "tcp");
        if (!transport.equals("tcp")) {
            throw new Invalid("transport " + transport + " is not supported (only tcp)");
        }
        String scheme = text(o, "signature_scheme", "hmac-sha256");
        if (!scheme.startsWith("hmac-")) {
            throw new Invalid("signature scheme " + scheme + " is not supported");
        }
        return new ConnectionInfo(transport, text(o, "ip", "127.0.0.1"), port(o, "shell_port"),
                port(o, "iopub_port"), port(o, "stdin_port"), port(o, "control_port"),
                port(o, "hb_port"), text(o, "key", ""), scheme);
    }

    private static String text(JsonObject o, String name, String fallback) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    private static int port(JsonObject o, String name) throws Invalid {
        JsonElement e = o.get(name);
        try {
            int port = e == null ? -1 : e.getAsInt();
            if (port < 0 || port > 65535) {
                throw new Invalid(name + " is missing or not a port number");
            }
            return port;
        } catch (NumberFormatException | UnsupportedOperationException
                 | IllegalStateException ex) {
            throw new Invalid(name + " is not a port number: " + e);
        }
    }

    /** The ZeroMQ endpoint for {@code port}, e.g. {@code tcp://127.0.0.1:5555}. */
    String endpoint(int port) {
        return transport + "://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
