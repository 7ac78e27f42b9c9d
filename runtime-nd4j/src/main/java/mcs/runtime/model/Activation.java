package mcs.runtime.model;

import java.util.Locale;

/** Element-wise activation functions, fused into a layer or standing alone. */
public enum Activation {
    LINEAR, RELU, TANH, SIGMOID, SOFTMAX;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
