package mcs.runtime.train;

import mcs.runtime.InvalidInputException;

/** How to train: epochs over the data, batch size, learning rate, optimizer, random seed. */
public record TrainConfig(int epochs, int batch, double learningRate, Optimizer optimizer,
                          long seed) {

    public TrainConfig {
        if (epochs < 1) {
            throw new InvalidInputException("epochs must be at least 1, got " + epochs);
        }
        if (batch < 1 || batch > 65536) {
            throw new InvalidInputException("batch must be in [1, 65536], got " + batch);
        }
        if (!(learningRate > 0 && learningRate < 10)) {
            throw new InvalidInputException("learning rate must be in (0, 10), got " + learningRate);
        }
    }
}
