package mcs.interpreter.sweep;

import java.io.Serializable;

/**
 * What every task of a sweep shares: the base model as an {@code .mcz} file, its fingerprint
 * (which names it in a results file), and where the data comes from.
 */
public record SweepJob(byte[] base, String fingerprint, DataRef data) implements Serializable {

    private static final long serialVersionUID = 1L;
}
