/**
 * Weight clustering (weight sharing) over plain {@code float[]} tensors, as tfmot's
 * {@code cluster_weights} and Deep Compression do it: {@link mcs.runtime.cluster.Clustering}
 * turns a tensor (or each output channel of one) into a {@link mcs.runtime.cluster.Codebook}
 * of shared centroids and per-weight indices, with the tfmot centroid initialisations
 * ({@link mcs.runtime.cluster.CentroidInit}), exact and fast one-dimensional k-means
 * ({@link mcs.runtime.cluster.KMeans1D}), sparsity preservation (zeros stay exactly zero) and
 * per-centroid gradients for cluster-aware fine-tuning.
 *
 * <p>A pure numeric library: it uses only the JDK, the channel layout
 * {@link mcs.runtime.quant.Channels} it shares with quantisation and
 * {@link mcs.runtime.InvalidInputException} for a user's bad settings; it knows nothing of
 * models, ND4J or the language.
 */
package mcs.runtime.cluster;
