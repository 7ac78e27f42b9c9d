package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.train.TrainingStatus;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {

    private record Sent(String type, JsonObject content) {
        String text() {
            return Message.string(content.getAsJsonObject("data"), "text/plain");
        }

        String id() {
            return Message.string(content.getAsJsonObject("transient"), "display_id");
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private long now;
    private final ProgressDisplay display = new ProgressDisplay(
            (type, content) -> sent.add(new Sent(type, content)), () -> now);

    private static TrainingStatus status(String task, int epoch, int epochs, int step,
                                         boolean done) {
        return new TrainingStatus(task, epoch, epochs, step, 100, 0.5, 0.8, 5000, Double.NaN,
                done);
    }

    @Test
    void oneDisplayPerRunUpdatedAtMostFiveTimesASecond() {
        for (int step = 1; step <= 100; step++) {
            now += 10_000_000L;
            display.update(status("train", 1, 2, step, step == 100));
        }
        for (int step = 1; step <= 100; step++) {
            now += 10_000_000L;
            display.update(status("train", 2, 2, step, step == 100));
        }
        assertThat(sent.get(0).type()).isEqualTo("display_data");
        assertThat(sent.subList(1, sent.size())).allMatch(s -> s.type().equals(
                "update_display_data"));
        assertThat(sent).extracting(Sent::id).containsOnly(sent.get(0).id());
        assertThat(sent.size()).isBetween(10, 14);
        String last = sent.get(sent.size() - 1).text();
        assertThat(last.lines()).hasSize(2);
        assertThat(last).startsWith("train epoch 1/2: loss 0.5000, acc 80.00%, 5,000 samples/s")
                .contains("train epoch 2/2:");
    }

    @Test
    void aNewRunGetsANewDisplayAndAStoppedOneSaysSo() {
        display.update(status("train", 1, 1, 100, true));
        display.update(status("finetune", 1, 3, 5, false));
        display.stopped("interrupted");
        assertThat(sent).extracting(Sent::type).containsExactly("display_data", "display_data",
                "update_display_data");
        assertThat(sent.get(0).id()).isNotEqualTo(sent.get(1).id());
        assertThat(sent.get(2).text()).startsWith("finetune epoch 1/3 [")
                .endsWith("(interrupted)");
        display.stopped("interrupted");
        assertThat(sent).hasSize(3);
    }

    @Test
    void aFinishedRunIsNotMarkedStopped() {
        display.update(status("train", 1, 1, 100, true));
        display.stopped("interrupted");
        assertThat(sent).hasSize(1);
    }
}
