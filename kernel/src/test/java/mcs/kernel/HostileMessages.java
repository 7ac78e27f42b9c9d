package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Messages no genuine client sends, as frame lists for a DEALER socket: forged, unsigned,
 * tampered, malformed, replayed, wrongly typed, huge and deeply nested ones. Every one that
 * would run code runs {@code pwned_<kind> = 1} and prints {@code PWNED}, so a test can tell
 * whether any of them ran. Each says whether the kernel may answer it, and how: messages that
 * are not genuine get no answer at all; genuine (signed) requests whose content is wrong get
 * only an error reply.
 */
final class HostileMessages {

    /** What is wrong with a message. */
    enum Kind {
        FORGED_KEY, UNSIGNED, BAD_SIGNATURE, TAMPERED, NO_DELIMITER, MISSING_FRAMES,
        TRUNCATED, EXTRA_FRAMES, REPLAYED, SIGNED_BAD_JSON, SIGNED_WRONG_TYPES,
        SIGNED_NO_MSG_TYPE, SIGNED_UNKNOWN_TYPE, SIGNED_BAD_FIELDS, HUGE, DEEP;

        /** The variable a message of this kind would set if it ran. */
        String marker() {
            return "pwned_" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One hostile message.
     *
     * @param msgId        its header's msg_id when it has one, else ""
     * @param allowedReply the only reply the kernel may send (its msg_type, with status
     *                     error and ename {@link #allowedErrors}), or null for none
     */
    record Hostile(Kind kind, boolean control, List<byte[]> frames, String msgId,
                   String allowedReply, List<String> allowedErrors) { }

    /** The one error a signed request with wrongly typed fields may get. */
    static final String BAD_REQUEST = "BadRequest";
    static final int HUGE_BYTES = 6 << 20;
    static final int DEEP_JSON = 200_000;

    private final KernelClient client;
    private final WireCodec forger = new WireCodec(new MessageSigner("hmac-sha256", "guess"));
    private final MessageSigner signer;
    private final List<List<byte[]>> replayable;
    private final Random random;

    /**
     * @param replayable genuine messages (frames as sent) that the kernel has already taken
     */
    HostileMessages(KernelClient client, String key, List<List<byte[]>> replayable, long seed) {
        this.client = client;
        this.signer = new MessageSigner("hmac-sha256", key);
        this.replayable = List.copyOf(replayable);
        this.random = new Random(seed);
    }

    /**
     * {@code count} messages, kinds in turn, one channel or the other at random; the huge and
     * deep ones only {@code bigOnes} times each, evenly spread.
     */
    List<Hostile> make(int count, int bigOnes) {
        List<Kind> small = Arrays.stream(Kind.values())
                .filter(k -> k != Kind.HUGE && k != Kind.DEEP).toList();
        List<Hostile> out = new ArrayList<>();
        int every = count / (2 * bigOnes);
        for (int i = 0; out.size() < count; i++) {
            Kind kind;
            if (i % every == every / 2) {
                kind = (i / every) % 2 == 0 ? Kind.HUGE : Kind.DEEP;
            } else {
                kind = small.get(i % small.size());
            }
            out.add(make(kind, random.nextBoolean()));
        }
        return out;
    }

    Hostile make(Kind kind, boolean control) {
        return switch (kind) {
            case FORGED_KEY -> forged(kind, control);
            case UNSIGNED -> withSignature(kind, control, s -> "");
            case BAD_SIGNATURE -> withSignature(kind, control, this::badSignature);
            case TAMPERED -> tampered(control);
            case NO_DELIMITER -> noDelimiter(control);
            case MISSING_FRAMES -> missingFrames(control);
            case TRUNCATED -> truncated(control);
            case EXTRA_FRAMES -> extraFrames(control);
            case REPLAYED -> replayed(control);
            case SIGNED_BAD_JSON -> signedBody(kind, control, badJsonBody());
            case SIGNED_WRONG_TYPES -> signedBody(kind, control, wrongTypesBody());
            case SIGNED_NO_MSG_TYPE -> signedBody(kind, control, noMsgTypeBody());
            case SIGNED_UNKNOWN_TYPE -> unknownType(control);
            case SIGNED_BAD_FIELDS -> badFields(control);
            case HUGE -> huge(control);
            case DEEP -> deep(control);
        };
    }

    // ---- not genuine: never answered

    private Message execute(Kind kind) {
        return client.request("execute_request", KernelClient.executeContent(code(kind)));
    }

    static String code(Kind kind) {
        return kind.marker() + " = 1\nprint(\"PWNED " + kind + "\")";
    }

    /** A request a control or shell channel would act on, with code that marks. */
    private Message dangerous(Kind kind, boolean control) {
        if (!control || random.nextBoolean()) {
            return execute(kind);
        }
        JsonObject restart = new JsonObject();
        restart.addProperty("restart", random.nextBoolean());
        return random.nextBoolean() ? client.request("shutdown_request", restart)
                : client.request("interrupt_request", new JsonObject());
    }

    private Hostile none(Kind kind, boolean control, List<byte[]> frames, Message m) {
        return new Hostile(kind, control, frames, m == null ? "" : m.id(), null, List.of());
    }

    private Hostile forged(Kind kind, boolean control) {
        Message m = dangerous(kind, control);
        return none(kind, control, forger.encode(m), m);
    }

    private Hostile withSignature(Kind kind, boolean control, Function<String, String> sig) {
        Message m = dangerous(kind, control);
        List<byte[]> frames = new ArrayList<>(client.codec().encode(m));
        frames.set(1, sig.apply(text(frames.get(1))).getBytes(StandardCharsets.ISO_8859_1));
        return none(kind, control, frames, m);
    }

    private String badSignature(String good) {
        return switch (random.nextInt(7)) {
            case 0 -> good.toUpperCase(java.util.Locale.ROOT);
            case 1 -> good.substring(0, good.length() - 1);
            case 2 -> good + "0";
            case 3 -> good.substring(0, 63) + (good.charAt(63) == '0' ? '1' : '0');
            case 4 -> "\u00ff\u00fe" + good.substring(2);
            case 5 -> " " + good;
            default -> "x".repeat(1 + random.nextInt(200));
        };
    }

    /** Signed genuinely, then one of the four signed frames changed by a blank. */
    private Hostile tampered(boolean control) {
        Message m = dangerous(Kind.TAMPERED, control);
        List<byte[]> frames = new ArrayList<>(client.codec().encode(m));
        int which = 2 + random.nextInt(4);
        // still valid JSON, and the same message: only the signature tells
        byte[] frame = utf8(text(frames.get(which)) + (random.nextBoolean() ? " " : "\n"));
        frames.set(which, frame);
        return none(Kind.TAMPERED, control, frames, m);
    }

    private Hostile noDelimiter(boolean control) {
        Message m = dangerous(Kind.NO_DELIMITER, control);
        List<byte[]> frames = new ArrayList<>(client.codec().encode(m));
        switch (random.nextInt(4)) {
            case 0 -> frames.remove(0);
            case 1 -> frames.set(0, utf8("<IDS|MSG >"));
            case 2 -> frames.set(0, utf8("<ids|msg>"));
            default -> {
                frames.clear();
                for (int i = random.nextInt(10); i >= 0; i--) {
                    frames.add(randomBytes(random.nextInt(64)));
                }
            }
        }
        return none(Kind.NO_DELIMITER, control, frames, m);
    }

    private Hostile missingFrames(boolean control) {
        Message m = dangerous(Kind.MISSING_FRAMES, control);
        List<byte[]> frames = client.codec().encode(m);
        return none(Kind.MISSING_FRAMES, control,
                new ArrayList<>(frames.subList(0, 1 + random.nextInt(5))), m);
    }

    /** A frame cut short: the header's or the content's JSON ends in the middle. */
    private Hostile truncated(boolean control) {
        Message m = dangerous(Kind.TRUNCATED, control);
        List<byte[]> frames = new ArrayList<>(client.codec().encode(m));
        int which = random.nextBoolean() ? 2 : 5;
        byte[] f = frames.get(which);
        frames.set(which, Arrays.copyOf(f, random.nextInt(f.length)));
        return none(Kind.TRUNCATED, control, frames, m);
    }

    /** Forged, with many more frames than a message has. */
    private Hostile extraFrames(boolean control) {
        Message m = dangerous(Kind.EXTRA_FRAMES, control);
        List<byte[]> frames = new ArrayList<>(forger.encode(m));
        for (int i = 50 + random.nextInt(100); i > 0; i--) {
            frames.add(random.nextBoolean() ? WireCodec.DELIMITER : randomBytes(16));
        }
        if (random.nextBoolean()) {
            frames.add(0, randomBytes(8));
        }
        return none(Kind.EXTRA_FRAMES, control, frames, m);
    }

    /** A genuine message the kernel already took, sent again byte for byte. */
    private Hostile replayed(boolean control) {
        List<byte[]> frames = replayable.get(random.nextInt(replayable.size()));
        return new Hostile(Kind.REPLAYED, control, frames, "", null, List.of());
    }

    // ---- signed with the real key, but not a message: dropped

    private Hostile signedBody(Kind kind, boolean control, List<byte[]> body) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(WireCodec.DELIMITER);
        frames.add(utf8(signer.sign(body)));
        frames.addAll(body);
        return new Hostile(kind, control, frames, "", null, List.of());
    }

    private byte[] header(String type) {
        return utf8(Message.header(type, "hostile").toString());
    }

    private List<byte[]> badJsonBody() {
        byte[] content = utf8("{\"code\": \"" + Kind.SIGNED_BAD_JSON.marker() + " = 1\"}");
        byte[] bad = switch (random.nextInt(7)) {
            case 0 -> utf8("{not json");
            case 1 -> new byte[0];
            case 2 -> utf8("{");
            case 3 -> utf8("{}}");
            case 4 -> new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'};
            case 5 -> utf8("{\"a\": 1} {\"b\": 2}");
            default -> utf8("{\"msg_type\": \"execute_request\", ");
        };
        List<byte[]> body = new ArrayList<>(List.of(header("execute_request"), utf8("{}"),
                utf8("{}"), content));
        body.set(random.nextInt(4), bad);
        return body;
    }

    private List<byte[]> wrongTypesBody() {
        JsonObject h = Message.header("execute_request", "hostile");
        byte[] content = utf8(KernelClient.executeContent(code(Kind.SIGNED_WRONG_TYPES))
                .toString());
        List<byte[]> body = new ArrayList<>(List.of(utf8(h.toString()), utf8("{}"), utf8("{}"),
                content));
        switch (random.nextInt(7)) {
            case 0 -> body.set(0, utf8("[" + h + "]"));
            case 1 -> body.set(3, utf8("\"" + code(Kind.SIGNED_WRONG_TYPES) + "\""));
            case 2 -> body.set(2, utf8("42"));
            case 3 -> body.set(1, utf8("true"));
            case 4 -> body.set(3, utf8("null"));
            case 5 -> {
                JsonObject o = h.deepCopy();
                o.add("msg_type", JsonParser.parseString("{\"execute_request\": 1}"));
                body.set(0, utf8(o.toString()));
            }
            default -> {
                JsonObject o = h.deepCopy();
                o.add("msg_type", JsonParser.parseString("[\"execute_request\"]"));
                body.set(0, utf8(o.toString()));
            }
        }
        return body;
    }

    private List<byte[]> noMsgTypeBody() {
        JsonObject h = Message.header("execute_request", "hostile");
        if (random.nextBoolean()) {
            h.remove("msg_type");
        } else {
            h.addProperty("msg_type", "");
        }
        return List.of(utf8(h.toString()), utf8("{}"), utf8("{}"),
                utf8(KernelClient.executeContent(code(Kind.SIGNED_NO_MSG_TYPE)).toString()));
    }

    // ---- genuine messages, but of no type the channel takes: not answered

    private static final List<String> UNKNOWN_TYPES = List.of("pwn_request",
            "execute_requestx", "EXECUTE_REQUEST", "execute_reply", "input_reply",
            "interrupt_reply", "debug_request", "status", "\u0000", "execute_request\n",
            " execute_request", "x".repeat(5000));

    private Hostile unknownType(boolean control) {
        String type = control && random.nextInt(3) == 0 ? "execute_request"
                : UNKNOWN_TYPES.get(random.nextInt(UNKNOWN_TYPES.size()));
        Message m = client.request(type, KernelClient.executeContent(
                code(Kind.SIGNED_UNKNOWN_TYPE)));
        return none(Kind.SIGNED_UNKNOWN_TYPE, control, client.codec().encode(m), m);
    }

    // ---- genuine requests with wrongly typed fields: an error reply at most

    private Hostile badFields(boolean control) {
        String marker = code(Kind.SIGNED_BAD_FIELDS);
        JsonObject c = KernelClient.executeContent(marker);
        String type = "execute_request";
        switch (random.nextInt(16)) {
            case 0 -> c.addProperty("code", 12);
            case 1 -> c.add("code", array(marker));
            case 2 -> c.add("code", JsonParser.parseString("{\"x\": 1}"));
            case 3 -> c.add("code", com.google.gson.JsonNull.INSTANCE);
            case 4 -> c.remove("code");
            case 5 -> c.addProperty("silent", "yes");
            case 6 -> c.addProperty("store_history", 1);
            case 7 -> c.addProperty("stop_on_error", "false");
            case 8 -> c.addProperty("user_expressions", marker);
            case 9 -> c.add("user_expressions", JsonParser.parseString("{\"a\": [1]}"));
            case 10 -> {
                type = "complete_request";
                c = new JsonObject();
                c.addProperty("code", 5);
                c.addProperty("cursor_pos", 1);
            }
            case 11 -> {
                type = "complete_request";
                c = new JsonObject();
                c.addProperty("code", "pru");
                c.addProperty("cursor_pos", "3");
            }
            case 12 -> {
                type = "inspect_request";
                c = new JsonObject();
                c.addProperty("code", "prune");
                c.addProperty("cursor_pos", 1e12);
                c.addProperty("detail_level", 0);
            }
            case 13 -> {
                type = "is_complete_request";
                c = new JsonObject();
                c.add("code", array(marker));
            }
            case 14 -> {
                type = "history_request";
                c = new JsonObject();
                c.addProperty("hist_access_type", "tail");
                c.addProperty("n", "all");
            }
            default -> {
                type = "history_request";
                c = new JsonObject();
                c.add("hist_access_type", array("tail"));
            }
        }
        if (control) {
            // the control channel acts on shutdown_request only of these: a wrongly typed
            // one must not end the kernel
            type = "shutdown_request";
            c = new JsonObject();
            c.addProperty("restart", random.nextBoolean() ? "no" : "0");
        }
        Message m = client.request(type, c);
        return new Hostile(Kind.SIGNED_BAD_FIELDS, control, client.codec().encode(m), m.id(),
                type.replace("_request", "_reply"), List.of(BAD_REQUEST));
    }

    // ---- big

    /**
     * Several MB: unsigned or forged code, a forged message of many large frames, or a
     * genuine execute request whose code is several MB and ends in a syntax error (so nothing
     * of it runs; the reply is that error).
     */
    private Hostile huge(boolean control) {
        String filler = "#" + "A".repeat(HUGE_BYTES) + "\n";
        switch (random.nextInt(3)) {
            case 0 -> {
                Message m = client.request("execute_request", KernelClient.executeContent(
                        code(Kind.HUGE) + "\n" + filler));
                List<byte[]> frames = new ArrayList<>(client.codec().encode(m));
                frames.set(1, new byte[0]);
                return none(Kind.HUGE, control, frames, m);
            }
            case 1 -> {
                Message m = execute(Kind.HUGE);
                List<byte[]> frames = new ArrayList<>(forger.encode(m));
                for (int i = 0; i < 6; i++) {
                    frames.add(randomBytes(1 << 20));
                }
                return none(Kind.HUGE, control, frames, m);
            }
            default -> {
                Message m = client.request("execute_request", KernelClient.executeContent(
                        code(Kind.HUGE) + "\n" + filler + ")"));
                return new Hostile(Kind.HUGE, false, client.codec().encode(m), m.id(),
                        "execute_reply", List.of("SyntaxError"));
            }
        }
    }

    /**
     * Nested far deeper than any real message: JSON arrays 200,000 deep in a signed content
     * or header (dropped unparsed), or a genuine execute request whose code is an expression
     * nested 200,000 deep (brackets, or operators without brackets).
     */
    private Hostile deep(boolean control) {
        int n = DEEP_JSON;
        switch (random.nextInt(4)) {
            case 0 -> {
                JsonObject h = Message.header("execute_request", "hostile");
                String content = "{\"code\": \"" + Kind.DEEP.marker() + " = 1\", \"x\": "
                        + "[".repeat(n) + "]".repeat(n) + "}";
                String header = random.nextBoolean() ? h.toString()
                        : h.toString().replace("}", ", \"x\": " + "{\"a\":".repeat(n)
                                + "1" + "}".repeat(n) + "}");
                return signedBody(Kind.DEEP, control, List.of(utf8(header), utf8("{}"),
                        utf8("{}"), utf8(content)));
            }
            case 1 -> {
                Message m = client.request("execute_request", KernelClient.executeContent(
                        Kind.DEEP.marker() + " = " + "(".repeat(n) + "1" + ")".repeat(n)));
                return new Hostile(Kind.DEEP, false, client.codec().encode(m), m.id(),
                        "execute_reply", List.of("SyntaxError"));
            }
            default -> {
                String op = random.nextBoolean() ? "not " : "- ";
                String last = op.equals("not ") ? "true" : "1";
                Message m = client.request("execute_request", KernelClient.executeContent(
                        Kind.DEEP.marker() + " = " + op.repeat(n) + last));
                return new Hostile(Kind.DEEP, false, client.codec().encode(m), m.id(),
                        "execute_reply", List.of("SyntaxError"));
            }
        }
    }

    private static JsonArray array(String s) {
        JsonArray a = new JsonArray();
        a.add(s);
        return a;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** For a report: a message's size in bytes over all frames. */
    static long bytes(List<byte[]> frames) {
        return frames.stream().mapToLong(f -> f.length).sum();
    }
}
