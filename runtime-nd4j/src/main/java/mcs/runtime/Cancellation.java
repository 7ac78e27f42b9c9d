package mcs.runtime;

/**
 * Asked by long-running work (training, evaluation) between steps; when it answers true the work
 * stops with {@link CancelledException} and leaves every input untouched.
 */
@FunctionalInterface
public interface Cancellation {

    Cancellation NEVER = () -> false;

    boolean isCancelled();

    /** Throws {@link CancelledException} when cancelled. */
    default void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
