package mcs.runtime.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.QuantSpec;

/** Models compressed as Deep Compression does it, built from random weights for the tests. */
final class CompressedModels {

    private CompressedModels() {
    }

    /**
     * {@code m} with random biases and every kernel pruned to {@code sparsity} by magnitude,
     * clustered to {@code k} centroids per tensor keeping zeros at zero (a reserved zero
     * centroid), and the centroids quantised to symmetric int8.
     */
    static Model deepCompressed(Model m, double sparsity, int k, long seed) {
        Random r = new Random(seed);
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() != TensorRole.KERNEL) {
                float[] b = new float[t.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (float) (0.05 * r.nextGaussian());
                }
                out.add(t.withValues(b));
                continue;
            }
            Tensor p = t.withMask(MagnitudePruner.mask(t.values(), sparsity));
            Codebook book = Clustering.cluster(p.values(), k, CentroidInit.LINEAR, true, seed);
            Tensor c = p.withClusters(new Clusters(QuantSpec.PER_TENSOR, List.of(book)));
            out.add(c.withQuant(c.refitCentroids(QuantSpec.fromRange(8, true, true, -1f, 1f))));
        }
        return m.withTensors(out).withHistory("prune " + sparsity).withHistory("cluster " + k)
                .withHistory("quantize int8");
    }

    /** Kept (unmasked) kernel weights of {@code m}. */
    static long keptKernelWeights(Model m) {
        long n = 0;
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                for (int i = 0; i < t.size(); i++) {
                    n += t.kept(i) ? 1 : 0;
                }
            }
        }
        return n;
    }
}
