package mcs.runtime.train;

/** Optimizers: Adam (beta1 0.9, beta2 0.999, epsilon 1e-8) and SGD with momentum 0.9. */
public enum Optimizer {
    ADAM, SGD;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
