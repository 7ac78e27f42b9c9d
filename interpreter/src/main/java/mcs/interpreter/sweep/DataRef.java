package mcs.interpreter.sweep;

import java.io.Serializable;

/**
 * How an executor gets a sweep's data without it being shipped: a dataset mcs can load by name
 * ({@code dataset("fashion-mnist")}), cut to the sizes the driver had ({@code subset(..)}); the
 * last {@code val} training samples are the validation split and are not trained on.
 */
public record DataRef(String name, String dir, int train, int test, int val)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** e.g. {@code fashion-mnist 54,000 train / 6,000 validation / 10,000 test}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %,d train / %,d validation / %,d test",
                name, train - val, val, test);
    }
}
