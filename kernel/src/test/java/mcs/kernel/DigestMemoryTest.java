package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DigestMemoryTest {

    private static String signature(int i) {
        return HexFormat.of().toHexDigits((long) i * 0x9E3779B97F4A7C15L) + "0".repeat(48);
    }

    @Test
    void refusesASignatureSeenBefore() {
        DigestMemory memory = new DigestMemory();
        assertThat(memory.remember(signature(1))).isTrue();
        assertThat(memory.remember(signature(2))).isTrue();
        assertThat(memory.remember(signature(1))).isFalse();
        assertThat(memory.remember("not hex")).isTrue();
        assertThat(memory.remember("not hex")).isFalse();
    }

    @Test
    void remembersAtLeastHalfItsCapacityAndForgetsBeyondIt() {
        DigestMemory memory = new DigestMemory(8);
        for (int i = 0; i < 100; i++) {
            assertThat(memory.remember(signature(i))).isTrue();
        }
        for (int i = 96; i < 100; i++) {
            assertThat(memory.remember(signature(i))).as("recent %d", i).isFalse();
        }
        assertThat(memory.remember(signature(0))).as("long forgotten").isTrue();
    }

    @Test
    void keepsAsManyAsJupyterClient() {
        // 4096 before: a message could be replayed once 4096 others had come after it
        DigestMemory memory = new DigestMemory();
        assertThat(memory.remember(signature(-1))).isTrue();
        for (int i = 0; i < DigestMemory.CAPACITY / 2 - 1; i++) {
            memory.remember(signature(i));
        }
        assertThat(memory.remember(signature(-1))).isFalse();
    }
}
