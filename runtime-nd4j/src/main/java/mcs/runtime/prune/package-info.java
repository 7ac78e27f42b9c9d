/**
 * Magnitude pruning with tfmot semantics: the ConstantSparsity and PolynomialDecay schedules,
 * per-tensor top-k masks, and the {@link mcs.runtime.prune.Pruning} transform on models.
 */
package mcs.runtime.prune;
