/**
 * The lean training engine on ND4J: one flat array each for parameters, gradients and optimizer
 * state, layers holding views into them, buffers allocated once per batch shape, matrix products
 * through ND4J's gemm and convolutions through its conv2d ops, element-wise work as Java loops.
 * Pruning masks are applied to gradients and weights every step.
 */
package mcs.runtime.train;
