package mcs.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import mcs.runtime.Cancellation;

/** The cancellation token of one cell: set by an interrupt, asked by training between steps. */
final class Interruption implements Cancellation {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
