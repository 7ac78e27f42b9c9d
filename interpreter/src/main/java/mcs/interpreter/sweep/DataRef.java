package mcs.interpreter.sweep;

import java.io.Serializable;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Split;

/**
 * How an executor gets a sweep's data without it being shipped: a dataset mcs can load by name
 * ({@code dataset("fashion-mnist")}), cut to the sizes the driver had ({@code subset(..)}); the
 * last {@code val} training samples are the validation split and are not trained on.
 */
public record DataRef(String name, String dir, int train, int test, int val)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Validation samples carved from the end of the training split, at most, by default. */
    private static final int MAX_VAL = 5000;

    /** The reference to {@code data} as it is, with its last {@code val} training samples. */
    public static DataRef of(Dataset data, int val) {
        return new DataRef(data.name(), null, data.train().size(), data.test().size(), val);
    }

    /** The validation samples a sweep keeps by default: a tenth, at most 5,000. */
    public static int defaultValidation(int trainSize) {
        return Math.min(MAX_VAL, trainSize / 10);
    }

    /** What the points train on: {@code data}'s training split less the validation samples. */
    public Split training(Dataset data) {
        return data.train().range(data.train().name(), 0, train - val);
    }

    /** The validation samples of {@code data}'s training split. */
    public Split validation(Dataset data) {
        return data.train().range("validation", train - val, val);
    }

    /** e.g. {@code fashion-mnist 54,000 train / 6,000 validation / 10,000 test}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s %,d train / %,d validation / %,d test",
                name, train - val, val, test);
    }
}
