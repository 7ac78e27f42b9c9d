package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongSupplier;
import mcs.runtime.train.ProgressListener;
import mcs.runtime.train.TrainingStatus;

/**
 * Training progress in a notebook: one display per training run, created with
 * {@code display_data} and redrawn in place with {@code update_display_data} at most five
 * times a second. It shows a line per finished epoch and a bar for the current one, so a long
 * run leaves a few lines in the notebook, not thousands.
 */
final class ProgressDisplay implements ProgressListener {

    static final long REDRAW_NANOS = 200_000_000L;
    private static final double NANOS = 1e9;
    private static final int BAR = 24;

    /** Where the displays go: {@code display_data} or {@code update_display_data}. */
    interface Sink {
        void send(String type, JsonObject content);
    }

    private final Sink sink;
    private final LongSupplier clock;
    private final List<String> finished = new ArrayList<>();
    private String displayId;
    private TrainingStatus last;
    private long sentAt;
    private long epochStartedAt;

    ProgressDisplay(Sink sink, LongSupplier clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public synchronized void update(TrainingStatus status) {
        long now = clock.getAsLong();
        boolean newRun = last == null || !last.task().equals(status.task())
                || last.epochs() != status.epochs() || status.fraction() < last.fraction()
                || (last.epochDone() && last.epoch() == last.epochs());
        if (newRun) {
            displayId = UUID.randomUUID().toString();
            finished.clear();
            epochStartedAt = now;
        } else if (last.epochDone()) {
            epochStartedAt = now;
        }
        if (status.epochDone()) {
            finished.add(doneLine(status, (now - epochStartedAt) / NANOS));
        }
        last = status;
        if (newRun || status.epochDone() || now - sentAt >= REDRAW_NANOS) {
            send(newRun ? "display_data" : "update_display_data", status.epochDone() ? null
                    : runningLine(status), status.fraction());
            sentAt = now;
        }
    }

    /** Marks a run that stopped before its end (the cell was interrupted or failed). */
    synchronized void stopped(String why) {
        if (last != null && !(last.epochDone() && last.epoch() == last.epochs())) {
            send("update_display_data", runningLine(last) + "  (" + why + ")", last.fraction());
            last = null;
        }
    }

    private void send(String type, String current, double fraction) {
        List<String> lines = new ArrayList<>(finished);
        if (current != null) {
            lines.add(current);
        }
        String text = String.join("\n", lines);
        StringBuilder html = new StringBuilder("<div class=\"mcs-progress\">")
                .append("<pre style=\"margin:0\">")
                .append(MimeBundles.escape(String.join("\n", finished))).append("</pre>");
        if (current != null) {
            html.append(String.format(Locale.ROOT, "<progress value=\"%.4f\" max=\"1\" "
                    + "style=\"width:20em\"></progress> <code>%s</code>", clamp(fraction),
                    MimeBundles.escape(current)));
        }
        html.append("</div>");
        JsonObject data = MimeBundles.text(text);
        data.addProperty("text/html", html.toString());
        JsonObject content = new JsonObject();
        content.add("data", data);
        content.add("metadata", new JsonObject());
        JsonObject transientPart = new JsonObject();
        transientPart.addProperty("display_id", displayId);
        content.add("transient", transientPart);
        sink.send(type, content);
    }

    static String runningLine(TrainingStatus s) {
        int filled = (int) Math.round(clamp(s.fraction()) * BAR);
        return String.format(Locale.ROOT, "%s epoch %d/%d [%s%s] %3d%%  loss %.4f  acc %.2f%%%s"
                        + "  %,d samples/s", s.task(), s.epoch(), s.epochs(), "#".repeat(filled),
                ".".repeat(BAR - filled), (int) Math.floor(clamp(s.fraction()) * 100), s.loss(),
                s.accuracy() * 100, sparsity("  sparsity ", s), Math.round(s.samplesPerSecond()));
    }

    static String doneLine(TrainingStatus s, double seconds) {
        return String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f, acc %.2f%%%s, "
                        + "%,d samples/s, %.1f s", s.task(), s.epoch(), s.epochs(), s.loss(),
                s.accuracy() * 100, sparsity(", sparsity ", s), Math.round(s.samplesPerSecond()),
                seconds);
    }

    private static String sparsity(String label, TrainingStatus s) {
        return Double.isNaN(s.sparsity()) ? ""
                : label + String.format(Locale.ROOT, "%.2f", s.sparsity());
    }

    private static double clamp(double fraction) {
        return Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
    }
}
