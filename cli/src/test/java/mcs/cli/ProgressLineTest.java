package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import mcs.runtime.train.TrainingStatus;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private ProgressLine line(boolean tty, int width) {
        return new ProgressLine(err, tty, now::get, () -> width);
    }

    private static TrainingStatus status(String task, int epoch, int step, boolean done) {
        return new TrainingStatus(task, epoch, 3, step, 100, 0.31214, 0.887, 5123.4,
                Double.NaN, done);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ttyLineShowsEverything() {
        TrainingStatus s = new TrainingStatus("finetune", 2, 3, 83, 100, 0.31214, 0.887,
                5123.4, Double.NaN, false);
        assertThat(ProgressLine.ttyLine(s, 42, 120)).isEqualTo("finetune  epoch 2/3 "
                + "[############........]  61%  ETA 0:42  loss 0.3121  acc 88.70%  "
                + "5,123 samples/s");
    }

    @Test
    void ttyLineShowsSparsityAndFitsNarrowTerminals() {
        TrainingStatus s = new TrainingStatus("finetune", 1, 2, 50, 100, 0.5, 0.5, 1000,
                0.6123, false);
        String wide = ProgressLine.ttyLine(s, Double.NaN, 200);
        assertThat(wide).contains("[#####...............]  25%  ETA -:--")
                .endsWith("acc 50.00%  sparsity 0.61  1,000 samples/s");
        String narrow = ProgressLine.ttyLine(s, 5, 60);
        assertThat(narrow).hasSize(59).contains("[###.......]");
    }

    @Test
    void plainLineOnlyAtEpochEnd() {
        ProgressLine progress = line(false, 0);
        progress.update(status("train", 1, 10, false));
        now.addAndGet(2 * SECOND);
        progress.update(status("train", 1, 60, false));
        assertThat(printed()).isEmpty();
        now.addAndGet(SECOND);
        progress.update(status("train", 1, 100, true));
        now.addAndGet(14_200_000_000L);
        progress.update(status("train", 2, 100, true));
        // the first epoch is timed from its first report: 3 s for 90 of 100 steps
        assertThat(printed()).isEqualTo(
                "train epoch 1/3: loss 0.3121, acc 88.70%, 5,123 samples/s, 3.3 s\n"
                + "train epoch 2/3: loss 0.3121, acc 88.70%, 5,123 samples/s, 14.2 s\n");
    }

    @Test
    void plainLineWithSparsity() {
        TrainingStatus s = new TrainingStatus("finetune", 1, 2, 100, 100, 0.4521, 0.841,
                4210, 0.61, true);
        assertThat(ProgressLine.plainLine(s, 14.24)).isEqualTo("finetune epoch 1/2: "
                + "loss 0.4521, acc 84.10%, sparsity 0.61, 4,210 samples/s, 14.2 s");
    }

    @Test
    void ttyRedrawsAtMostFiveTimesASecondAndEndsEachEpoch() {
        ProgressLine progress = line(true, 120);
        progress.update(status("train", 1, 10, false));
        now.addAndGet(SECOND / 10);
        progress.update(status("train", 1, 20, false));
        now.addAndGet(SECOND / 10);
        progress.update(status("train", 1, 30, false));
        now.addAndGet(SECOND);
        progress.update(status("train", 1, 100, true));
        String[] draws = printed().split("\r", -1);
        assertThat(draws).hasSize(4);
        assertThat(draws[1]).contains(" 3%").contains("ETA -:--").doesNotEndWith("\n");
        assertThat(draws[2]).contains(" 10%").contains("ETA 0:03");
        assertThat(draws[3]).contains("[#######.............]  33%  ETA 0:03").endsWith("\n");
    }

    @Test
    void ttyPadsAShorterLineOverALongerOne() {
        ProgressLine progress = line(true, 200);
        progress.update(new TrainingStatus("train", 1, 1, 1, 10, 2.0, 0.1, 123456, 0.5, false));
        now.addAndGet(SECOND);
        progress.update(new TrainingStatus("train", 1, 1, 5, 10, 2.0, 0.1, 12, Double.NaN,
                false));
        String[] draws = printed().split("\r", -1);
        assertThat(draws[2].length()).isEqualTo(draws[1].length());
        assertThat(draws[2]).endsWith("12 samples/s" + " ".repeat(20));
    }

    @Test
    void breakLineEndsAnOpenLineOnce() {
        ProgressLine progress = line(true, 120);
        progress.update(status("train", 1, 10, false));
        progress.breakLine();
        progress.breakLine();
        assertThat(printed()).endsWith("samples/s\n").doesNotEndWith("\n\n");
    }

    @Test
    void aNewRunStartsANewLine() {
        ProgressLine progress = line(true, 120);
        progress.update(status("train", 3, 50, false));
        now.addAndGet(SECOND);
        progress.update(status("finetune", 1, 10, false));
        assertThat(printed()).contains("samples/s\n\rfinetune  epoch 1/3");
    }

    @Test
    void clockFormats() {
        assertThat(ProgressLine.clock(0)).isEqualTo("0:00");
        assertThat(ProgressLine.clock(41.2)).isEqualTo("0:42");
        assertThat(ProgressLine.clock(3599)).isEqualTo("59:59");
        assertThat(ProgressLine.clock(3723)).isEqualTo("1:02:03");
        assertThat(ProgressLine.clock(Double.NaN)).isEqualTo("-:--");
        assertThat(ProgressLine.clock(Double.POSITIVE_INFINITY)).isEqualTo("-:--");
    }
}
