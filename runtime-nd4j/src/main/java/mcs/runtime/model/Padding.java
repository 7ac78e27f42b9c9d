package mcs.runtime.model;

import java.util.Locale;

/** Convolution padding, as in Keras: {@code valid} (none) or {@code same} (output size = input / stride). */
public enum Padding {
    VALID, SAME;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
