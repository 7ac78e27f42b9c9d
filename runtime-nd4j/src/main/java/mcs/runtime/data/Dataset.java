package mcs.runtime.data;

/** A named dataset with a training and a test split. */
public record Dataset(String name, Split train, Split test) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %,d train, %,d test samples of %s, %d classes",
                name, train.size(), test.size(), train.sampleShape(), train.classes());
    }
}
