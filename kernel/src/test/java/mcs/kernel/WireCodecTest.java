package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec codec = new WireCodec(new MessageSigner("hmac-sha256", "secret"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Message request(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return new Message(List.of(b("client-1"), b("client-2")),
                Message.header("execute_request", "s"), new JsonObject(), new JsonObject(),
                content, List.of(b("buffer")));
    }

    @Test
    void framesAMessageAsTheProtocolSays() {
        List<byte[]> frames = codec.encode(request("print(\"é\")"));
        assertThat(frames).hasSize(9);
        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).isEqualTo("client-1");
        assertThat(frames.get(2)).isEqualTo(WireCodec.DELIMITER);
        assertThat(new String(frames.get(3), StandardCharsets.US_ASCII)).matches("[0-9a-f]{64}");
        assertThat(new String(frames.get(4), StandardCharsets.UTF_8))
                .contains("\"msg_type\":\"execute_request\"", "\"version\":\"5.3\"");
        assertThat(new String(frames.get(7), StandardCharsets.UTF_8))
                .isEqualTo("{\"code\":\"print(\\\"é\\\")\"}");
    }

    @Test
    void decodesWhatItEncodes() {
        Message m = request("42");
        WireCodec.Decoded d = codec.decode(codec.encode(m));
        assertThat(d).isInstanceOf(WireCodec.Accepted.class);
        Message back = ((WireCodec.Accepted) d).message();
        assertThat(back.type()).isEqualTo("execute_request");
        assertThat(back.id()).isEqualTo(m.id());
        assertThat(Message.string(back.content(), "code")).isEqualTo("42");
        assertThat(back.identities()).hasSize(2);
        assertThat(back.buffers()).hasSize(1);
    }

    @Test
    void refusesBadMissingOrReplayedSignatures() {
        List<byte[]> frames = codec.encode(request("pwned = 1"));
        List<byte[]> forged = new ArrayList<>(frames);
        forged.set(3, new WireCodec(new MessageSigner("hmac-sha256", "guess")).encode(
                request("x")).get(3));
        assertThat(rejection(forged)).isEqualTo("bad signature");
        List<byte[]> unsigned = new ArrayList<>(frames);
        unsigned.set(3, new byte[0]);
        assertThat(rejection(unsigned)).isEqualTo("unsigned message");
        List<byte[]> tampered = new ArrayList<>(frames);
        tampered.set(7, b("{\"code\": \"other\"}"));
        assertThat(rejection(tampered)).isEqualTo("bad signature");
        assertThat(codec.decode(frames)).isInstanceOf(WireCodec.Accepted.class);
        assertThat(rejection(frames)).startsWith("replayed");
    }

    @Test
    void refusesAReplayAfterThousandsOfOtherMessages() {
        // the 4096 signatures remembered before let this one through
        List<byte[]> first = codec.encode(request("replayed = replayed + 1"));
        assertThat(codec.decode(first)).isInstanceOf(WireCodec.Accepted.class);
        for (int i = 0; i < 10_000; i++) {
            assertThat(codec.decode(codec.encode(request(String.valueOf(i)))))
                    .isInstanceOf(WireCodec.Accepted.class);
        }
        assertThat(rejection(first)).startsWith("replayed");
    }

    @Test
    void refusesMalformedFrames() {
        assertThat(rejection(List.of(b("garbage")))).contains("no <IDS|MSG>");
        assertThat(rejection(List.of(WireCodec.DELIMITER, b("sig"), b("{}"))))
                .contains("5 needed");
        MessageSigner signer = new MessageSigner("hmac-sha256", "secret");
        List<byte[]> body = List.of(b("{not json"), b("{}"), b("{}"), b("{}"));
        List<byte[]> frames = new ArrayList<>(List.of(WireCodec.DELIMITER,
                b(signer.sign(body))));
        frames.addAll(body);
        assertThat(rejection(frames)).isNotBlank();
        List<byte[]> noType = List.of(b("{}"), b("{}"), b("{}"), b("{}"));
        frames = new ArrayList<>(List.of(WireCodec.DELIMITER, b(signer.sign(noType))));
        frames.addAll(noType);
        assertThat(rejection(frames)).contains("msg_type");
        List<byte[]> array = List.of(b("[1]"), b("{}"), b("{}"), b("{}"));
        frames = new ArrayList<>(List.of(WireCodec.DELIMITER, b(signer.sign(array))));
        frames.addAll(array);
        assertThat(rejection(frames)).contains("not a JSON object");
    }

    @Test
    void withoutAKeyAcceptsUnsignedMessages() {
        WireCodec open = new WireCodec(new MessageSigner("hmac-sha256", ""));
        List<byte[]> frames = open.encode(request("1"));
        assertThat(frames.get(3)).isEmpty();
        assertThat(open.decode(frames)).isInstanceOf(WireCodec.Accepted.class);
        assertThat(open.decode(frames)).isInstanceOf(WireCodec.Accepted.class);
    }

    @Test
    void aReplyKeepsTheRoutingAndNamesItsParent() {
        Message m = request("1");
        Message reply = m.reply("execute_reply", "kernel", new JsonObject());
        assertThat(reply.identities()).isEqualTo(m.identities());
        assertThat(reply.parentHeader()).isEqualTo(m.header());
        assertThat(reply.type()).isEqualTo("execute_reply");
        assertThat(Message.string(reply.header(), "session")).isEqualTo("kernel");
        assertThat(Message.string(reply.header(), "date")).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    private String rejection(List<byte[]> frames) {
        WireCodec.Decoded d = codec.decode(frames);
        assertThat(d).isInstanceOf(WireCodec.Rejected.class);
        return ((WireCodec.Rejected) d).reason();
    }
}
