package mcs.interpreter.value;

import mcs.runtime.data.Split;

/** One split of a dataset, e.g. {@code fmnist.test}; knows the dataset it came from by name. */
public record SplitValue(Split split, String datasetName) implements Value {

    public SplitValue {
        if (split == null || datasetName == null) {
            throw new IllegalArgumentException("split and dataset name are required");
        }
    }

    /** e.g. {@code fashion-mnist test}. */
    public String label() {
        return datasetName + " " + split.name();
    }

    @Override
    public String show() {
        return datasetName + " " + split;
    }

    @Override
    public String typeName() {
        return "split";
    }

    @Override
    public String describe() {
        return "split " + label();
    }
}
