package mcs.runtime.train;

import mcs.runtime.InvalidInputException;

/** How to train: epochs over the data, batch size, learning rate, optimizer, random seed. */
public record TrainConfig(int epochs, int batch, double learningRate, Optimizer optimizer,
                          long seed) {

    /** The largest batch trained, evaluated or timed. */
    public static final int MAX_BATCH = 65536;

    public TrainConfig {
        if (epochs < 1) {
            throw new InvalidInputException("epochs must be at least 1, got " + epochs);
        }
        requireBatch(batch);
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new InvalidInputException("learning rate must be in (0, 10), got " + learningRate);
        }
    }

    /** Refuses a batch outside [1, {@link #MAX_BATCH}]. */
    public static void requireBatch(int batch) {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new InvalidInputException("batch must be in [1, " + MAX_BATCH + "], got "
                    + batch);
        }
    }
}
