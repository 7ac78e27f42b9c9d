package mcs.interpreter.value;

import mcs.runtime.data.Dataset;

/** A dataset with a train and a test split: {@code .train}, {@code .test}, {@code .name}. */
public record DatasetValue(Dataset dataset) implements Value {

    public DatasetValue {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset is required");
        }
    }

    public SplitValue train() {
        return new SplitValue(dataset.train(), dataset.name());
    }

    public SplitValue test() {
        return new SplitValue(dataset.test(), dataset.name());
    }

    @Override
    public String show() {
        return dataset.toString();
    }

    @Override
    public String typeName() {
        return "dataset";
    }

    @Override
    public String describe() {
        return "dataset " + dataset.name();
    }
}
