package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import mcs.runtime.train.TrainingStatus;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static TrainingStatus status(int epoch, int step, boolean done, double sparsity) {
        return new TrainingStatus("finetune", epoch, 2, step, 100, 0.3121, 0.887, 5123,
                sparsity, done);
    }

    @Test
    void plainModePrintsOneLinePerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine p = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                false, now::get, () -> 0);
        for (int s = 10; s < 100; s += 10) {
            now.addAndGet(100_000_000L);
            p.update(status(1, s, false, Double.NaN));
        }
        now.addAndGet(100_000_000L);
        p.update(status(1, 100, true, 0.61));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith("finetune epoch 1/2: loss 0.3121, acc 88.70%, sparsity 0.61, "
                + "5,123 samples/s, ");
    }

    @Test
    void terminalModeRedrawsOneLineAndEndsItAtEpochEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine p = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, now::get, () -> 120);
        p.update(status(2, 50, false, Double.NaN));
        now.addAndGet(1_000_000_000L);
        p.update(status(2, 61, false, Double.NaN));
        now.addAndGet(1_000L); // too soon to redraw
        p.update(status(2, 62, false, Double.NaN));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n").contains("\r");
        assertThat(text.substring(text.lastIndexOf('\r') + 1))
                .startsWith("finetune  epoch 2/2 [").contains("80%").contains("loss 0.3121")
                .contains("acc 88.70%").contains("5,123 samples/s");
        p.update(status(2, 100, true, Double.NaN));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("\n");
        assertThat(ProgressLine.ttyLine(status(1, 50, false, 0.5), 42, 40).length())
                .isLessThanOrEqualTo(39);
        assertThat(ProgressLine.clock(42)).isEqualTo("0:42");
        assertThat(ProgressLine.clock(3725)).isEqualTo("1:02:05");
    }
}
