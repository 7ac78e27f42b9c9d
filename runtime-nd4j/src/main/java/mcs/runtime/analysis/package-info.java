/**
 * Analyses that measure a model rather than change it: per-layer sensitivity to pruning and
 * quantisation. Uses the model, prune, quant and train packages.
 */
package mcs.runtime.analysis;
