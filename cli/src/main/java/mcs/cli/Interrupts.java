package mcs.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import mcs.runtime.Cancellation;
import org.jline.utils.Signals;

/**
 * Ctrl-C while a script runs: the first one cancels the running statement (training stops at
 * its next step and the script ends with exit code 130), a second one exits at once. Installed
 * for the run and removed afterwards, which puts back the handler that was there before.
 */
final class Interrupts implements Cancellation, AutoCloseable {

    static final int EXIT_CODE = 130;
    private static final String SIGNAL = "INT";

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ConsoleOutput output;
    private final Object previous;

    private Interrupts(ConsoleOutput output) {
        this.output = output;
        this.previous = Signals.register(SIGNAL, this::interrupt);
    }

    /** Handles SIGINT until {@link #close()}. */
    static Interrupts install(ConsoleOutput output) {
        return new Interrupts(output);
    }

    /** What one Ctrl-C does (package-visible so tests can press it). */
    void interrupt() {
        if (cancelled.compareAndSet(false, true)) {
            output.notice("mcs: interrupting (press Ctrl-C again to exit at once)");
        } else {
            output.end();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void close() {
        Signals.unregister(SIGNAL, previous);
    }
}
