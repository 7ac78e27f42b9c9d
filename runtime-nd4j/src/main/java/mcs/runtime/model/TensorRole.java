package mcs.runtime.model;

/** What a parameter tensor is for; compression methods choose tensors by role. */
public enum TensorRole {
    /** Weights of a Dense or Conv2D layer: what pruning and clustering act on. */
    KERNEL,
    BIAS,
    /** BatchNorm scale. */
    GAMMA,
    /** BatchNorm shift. */
    BETA,
    /** BatchNorm running statistics: not trained by gradients. */
    MOVING_MEAN,
    MOVING_VARIANCE;

    public boolean trainable() {
        return this != MOVING_MEAN && this != MOVING_VARIANCE;
    }
}
