package mcs.runtime.model;

import java.util.Locale;

/**
 * Element-wise activation functions, fused into a layer or standing alone. {@code relu6} is
 * min(max(x, 0), 6); {@code hard_sigmoid} is clip(0.2 x + 0.5, 0, 1) (Keras 2, ONNX defaults);
 * {@code hard_swish} is x * relu6(x + 3) / 6; softmax and log_softmax work on whole vectors.
 */
public enum Activation {
    LINEAR, RELU, TANH, SIGMOID, SOFTMAX, RELU6, HARD_SIGMOID, HARD_SWISH, LOG_SOFTMAX;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
