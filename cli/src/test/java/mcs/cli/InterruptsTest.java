package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InterruptsTest {

    @Test
    void theFirstCtrlCCancelsAndSaysSo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ConsoleOutput output = new ConsoleOutput(stream, stream,
                new ProgressLine(stream, false, System::nanoTime, () -> 0));
        try (Interrupts interrupts = Interrupts.install(output)) {
            assertThat(interrupts.isCancelled()).isFalse();
            interrupts.interrupt();
            assertThat(interrupts.isCancelled()).isTrue();
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("mcs: interrupting (press Ctrl-C again to exit at once)\n");
    }
}
