package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.train.ProgressListener;
import mcs.runtime.train.TrainingStatus;

/** An {@link Output} that keeps printed lines, notices and progress updates for assertions. */
final class CapturingOutput implements Output {

    final List<String> lines = new ArrayList<>();
    final List<String> notices = new ArrayList<>();
    final List<TrainingStatus> progress = new ArrayList<>();

    @Override
    public void print(String text) {
        lines.addAll(List.of(text.split("\n", -1)));
    }

    @Override
    public void notice(String text) {
        notices.add(text);
    }

    @Override
    public ProgressListener progress() {
        return progress::add;
    }
}
