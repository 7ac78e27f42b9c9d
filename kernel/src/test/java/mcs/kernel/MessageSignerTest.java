package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSignerTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signsAsRfc4231Says() {
        // RFC 4231 test case 2: HMAC-SHA-256 of "what do ya want for nothing?" with key "Jefe",
        // here split over frames, which are signed as if concatenated
        MessageSigner signer = new MessageSigner("hmac-sha256", "Jefe");
        String expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assertThat(signer.sign(List.of(b("what do ya "), b("want "), b("for nothing?"))))
                .isEqualTo(expected);
        assertThat(signer.verify(expected, List.of(b("what do ya want for nothing?")))).isTrue();
    }

    @Test
    void refusesOtherSignatures() {
        MessageSigner signer = new MessageSigner("hmac-sha256", "key");
        List<byte[]> frames = List.of(b("{}"), b("{}"), b("{}"), b("{\"code\": \"1\"}"));
        String good = signer.sign(frames);
        assertThat(signer.verify(good, frames)).isTrue();
        assertThat(signer.verify(good.toUpperCase(java.util.Locale.ROOT), frames)).isFalse();
        assertThat(signer.verify("", frames)).isFalse();
        assertThat(signer.verify(good.substring(1), frames)).isFalse();
        assertThat(signer.verify(new MessageSigner("hmac-sha256", "other").sign(frames), frames))
                .isFalse();
        assertThat(signer.verify(good, List.of(b("{}"), b("{}"), b("{}"), b("{\"code\": \"2\"}"))))
                .isFalse();
    }

    @Test
    void anEmptyKeyMeansNoSigning() {
        MessageSigner signer = new MessageSigner("hmac-sha256", "");
        assertThat(signer.signs()).isFalse();
        assertThat(signer.sign(List.of(b("x")))).isEmpty();
        assertThat(signer.verify("anything", List.of(b("x")))).isTrue();
    }

    @Test
    void knowsOtherHmacSchemesAndRejectsUnknownOnes() {
        assertThat(new MessageSigner("hmac-sha512", "k").sign(List.of(b("x")))).hasSize(128);
        assertThatThrownBy(() -> new MessageSigner("hmac-nope", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hmac-nope");
    }
}
