/**
 * Transforms that change how a model is built or stored without training: batch-norm folding,
 * low-rank (SVD) factorisation of Dense and Conv2D layers, fp16/bf16 storage. Uses the model
 * package and ND4J (LAPACK) for the SVD; knows nothing of the language.
 */
package mcs.runtime.transform;
