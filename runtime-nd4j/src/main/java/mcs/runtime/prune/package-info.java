/**
 * Magnitude pruning with tfmot semantics: the ConstantSparsity and PolynomialDecay schedules,
 * per-tensor top-k masks, global masks over many tensors by radix select
 * ({@link mcs.runtime.prune.GlobalMagnitude}), and the {@link mcs.runtime.prune.Pruning}
 * transform on models.
 */
package mcs.runtime.prune;
