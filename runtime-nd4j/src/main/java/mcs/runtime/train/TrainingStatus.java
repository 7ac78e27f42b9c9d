package mcs.runtime.train;

/**
 * Where a training run is: epoch (1-based) of epochs, step within the epoch of stepsPerEpoch,
 * the running mean loss and accuracy of this epoch, throughput, and the current sparsity of the
 * pruned tensors (NaN when not pruning).
 */
public record TrainingStatus(String task, int epoch, int epochs, int step, int stepsPerEpoch,
                             double loss, double accuracy, double samplesPerSecond,
                             double sparsity, boolean epochDone) {

    /** Fraction of the whole run done, in [0, 1]. */
    public double fraction() {
        return ((epoch - 1) + (double) step / stepsPerEpoch) / epochs;
    }
}
