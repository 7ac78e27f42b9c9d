/**
 * Pruning with tfmot semantics: the ConstantSparsity and PolynomialDecay schedules, per-tensor
 * or global top-k magnitude masks (one threshold over many tensors by radix select,
 * {@link mcs.runtime.prune.GlobalMagnitude}), N:M sparsity ({@link mcs.runtime.prune.Pruning});
 * structured removal of filters, units and channels ({@link mcs.runtime.prune.StructuredPruning})
 * and of whole layers ({@link mcs.runtime.prune.LayerRemoval}), which rebuild the model smaller.
 * Uses only {@code mcs.runtime.model}.
 */
package mcs.runtime.prune;
