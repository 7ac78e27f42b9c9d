package mcs.runtime;

/** Long-running work stopped because its {@link Cancellation} asked it to. */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("interrupted");
    }
}
