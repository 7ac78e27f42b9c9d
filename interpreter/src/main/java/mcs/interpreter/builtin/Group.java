package mcs.interpreter.builtin;

import java.util.Locale;

/** The headings builtins are listed under in {@code help()}. */
public enum Group {
    DATA, MODELS, LAYERS, TRAINING, PRUNING, CLUSTERING, QUANTIZATION, TRANSFORMS, METRICS,
    SEARCH, FILES, OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
