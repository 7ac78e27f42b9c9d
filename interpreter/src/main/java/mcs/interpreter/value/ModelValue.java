package mcs.interpreter.value;

import mcs.runtime.model.Model;

/** A neural network with its compression state (a runtime {@link Model}). */
public record ModelValue(Model model) implements Value {

    public ModelValue {
        if (model == null) {
            throw new IllegalArgumentException("model is required");
        }
    }

    /** e.g. {@code lenet5: 7 layers, 431,080 params, 431,080 non-zeros}. */
    @Override
    public String show() {
        return model.toString();
    }

    @Override
    public String typeName() {
        return "model";
    }

    @Override
    public String describe() {
        return "model " + model.name();
    }
}
