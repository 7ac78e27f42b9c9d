package mcs.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import mcs.runtime.train.ProgressListener;
import mcs.runtime.train.TrainingStatus;

/**
 * Shows training progress on stderr. On a terminal: one line per epoch, redrawn in place with
 * {@code \r} at most five times a second and ended with a newline when the epoch ends,
 *
 * <pre>
 * finetune  epoch 2/3 [############........]  61%  ETA 0:42  loss 0.3121  acc 88.70%
 *     5,123 samples/s          (one line)
 * </pre>
 *
 * where the bar, the percentage and the ETA are for the whole run. Elsewhere (a pipe, a log
 * file): one plain line at the end of each epoch,
 *
 * <pre>train epoch 1/3: loss 0.4521, acc 84.10%, 4,210 samples/s, 14.2 s</pre>
 *
 * Both show the sparsity of pruned tensors when there is one. The clock and the terminal width
 * are given, so tests can drive it.
 */
final class ProgressLine implements ProgressListener {

    static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 20;
    private static final int MIN_BAR = 10;
    private static final double NANOS = 1e9;

    private final PrintStream err;
    private final boolean tty;
    private final LongSupplier clock;
    private final IntSupplier width;

    private TrainingStatus last;
    private long startedAt;
    private long runFirstAt;
    private double runFirstFraction;
    private int epochSeen;
    private long epochFirstAt;
    private int epochFirstStep;
    private long epochEndAt;
    private long lastEventAt;
    private long drawnAt;
    private int drawnLength;
    private boolean open;

    /**
     * @param err   where progress goes
     * @param tty   whether {@code err} is a terminal that understands {@code \r}
     * @param clock nanoseconds, as {@link System#nanoTime()}
     * @param width the terminal's width in columns; 0 or less when unknown
     */
    ProgressLine(PrintStream err, boolean tty, LongSupplier clock, IntSupplier width) {
        this.err = err;
        this.tty = tty;
        this.clock = clock;
        this.width = width;
        begin();
    }

    /** Marks the start of a statement: the fallback origin for timing a first short epoch. */
    synchronized void begin() {
        breakLine();
        last = null;
        startedAt = clock.getAsLong();
        lastEventAt = startedAt;
    }

    /** Ends a line left half-drawn (by an interrupted run, or before other output). */
    synchronized void breakLine() {
        if (open) {
            err.println();
            err.flush();
            open = false;
            drawnLength = 0;
        }
    }

    @Override
    public synchronized void update(TrainingStatus status) {
        long now = clock.getAsLong();
        track(status, now);
        if (tty) {
            draw(status, now);
        } else if (status.epochDone()) {
            err.println(plainLine(status, epochSeconds(status, now)));
            err.flush();
        }
        if (status.epochDone()) {
            epochEndAt = now;
        }
        last = status;
        lastEventAt = now;
    }

    private void track(TrainingStatus status, long now) {
        boolean newRun = last == null || !last.task().equals(status.task())
                || last.epochs() != status.epochs() || status.fraction() < last.fraction()
                || (last.epochDone() && last.epoch() == last.epochs());
        if (newRun || status.epoch() != last.epoch()) {
            breakLine();
        }
        if (newRun) {
            runFirstAt = now;
            runFirstFraction = status.fraction();
            epochEndAt = -1;
            epochSeen = -1;
        }
        if (status.epoch() != epochSeen) {
            epochSeen = status.epoch();
            epochFirstAt = now;
            epochFirstStep = status.step();
        }
    }

    /**
     * How long the epoch that just ended took: since the previous epoch's end, or extrapolated
     * from the first report seen in it, or (an epoch shorter than one report interval) since the
     * last thing that happened.
     */
    private double epochSeconds(TrainingStatus status, long now) {
        if (epochEndAt >= 0) {
            return (now - epochEndAt) / NANOS;
        }
        int steps = status.stepsPerEpoch();
        if (epochFirstStep < steps && now > epochFirstAt) {
            return (now - epochFirstAt) / NANOS * steps / (steps - epochFirstStep);
        }
        return (now - Math.max(startedAt, lastEventAt)) / NANOS;
    }

    private void draw(TrainingStatus status, long now) {
        if (open && !status.epochDone() && now - drawnAt < REDRAW_NANOS) {
            return;
        }
        String line = ttyLine(status, eta(status, now), width.getAsInt());
        err.print('\r' + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        drawnAt = now;
        drawnLength = line.length();
        open = true;
        if (status.epochDone()) {
            breakLine();
        }
        err.flush();
    }

    /** Seconds left in the run at the rate seen since its first report; NaN when unknown. */
    private double eta(TrainingStatus status, long now) {
        double fraction = status.fraction();
        if (fraction >= 1) {
            return 0;
        }
        double rate = (fraction - runFirstFraction) / ((now - runFirstAt) / NANOS);
        return rate > 0 && Double.isFinite(rate) ? (1 - fraction) / rate : Double.NaN;
    }

    static String ttyLine(TrainingStatus status, double etaSeconds, int columns) {
        double fraction = Math.max(0, Math.min(1, status.fraction()));
        String head = String.format(Locale.ROOT, "%s  epoch %d/%d [",
                status.task(), status.epoch(), status.epochs());
        String tail = String.format(Locale.ROOT, "] %3d%%  ETA %s  loss %.4f  acc %.2f%%%s  %s",
                (int) Math.floor(fraction * 100), clock(etaSeconds), status.loss(),
                status.accuracy() * 100, sparsity("  sparsity ", status),
                throughput(status));
        int room = (columns > 0 ? columns : 80) - 1;
        int bar = Math.max(MIN_BAR, Math.min(BAR, room - head.length() - tail.length()));
        int filled = (int) Math.round(fraction * bar);
        String line = head + "#".repeat(filled) + ".".repeat(bar - filled) + tail;
        return line.length() > room ? line.substring(0, Math.max(0, room)) : line;
    }

    static String plainLine(TrainingStatus status, double epochSeconds) {
        return String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f, acc %.2f%%%s, %s, %.1f s",
                status.task(), status.epoch(), status.epochs(), status.loss(),
                status.accuracy() * 100, sparsity(", sparsity ", status), throughput(status),
                epochSeconds);
    }

    private static String sparsity(String label, TrainingStatus status) {
        return Double.isNaN(status.sparsity()) ? ""
                : label + String.format(Locale.ROOT, "%.2f", status.sparsity());
    }

    private static String throughput(TrainingStatus status) {
        return String.format(Locale.ROOT, "%,d samples/s", Math.round(status.samplesPerSecond()));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; {@code -:--} when unknown. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-:--";
        }
        long s = (long) Math.ceil(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
