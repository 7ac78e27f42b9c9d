package mcs.runtime.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.quant.QuantSpec;

/**
 * tfmot's {@code cluster_weights} on a model: every selected kernel shares at most {@code k}
 * values, per tensor or per output channel. Pruned weights stay zero when sparsity is
 * preserved (the default). A pending pruning schedule is settled at its target first: the
 * masks as they are now are kept from here on.
 */
public final class WeightClustering {

    /**
     * @param k the most centroids per codebook
     * @param init how centroids start
     * @param perChannel one codebook per output channel rather than per tensor
     * @param preserveSparsity zeros stay zero and take one of the k centroids
     * @param skip layer or tensor names left as they are
     * @param seed for random initialisations
     */
    public record Config(int k, CentroidInit init, boolean perChannel, boolean preserveSparsity,
                         Set<String> skip, long seed) {
        public Config {
            skip = Set.copyOf(skip);
        }
    }

    private WeightClustering() {
    }

    public static Model cluster(Model model, Config c) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : TensorSelection.kernels(model, "cluster", c.skip())) {
            out.add(cluster(t, c));
        }
        return model.withTensors(out).withPlan(null).withHistory(String.format(Locale.ROOT,
                "cluster %d %s per %s%s", c.k(), c.init().name().toLowerCase(Locale.ROOT),
                c.perChannel() ? "channel" : "tensor",
                c.preserveSparsity() ? ", sparsity preserved" : ""));
    }

    static Tensor cluster(Tensor t, Config c) {
        float[] w = t.values();
        if (!c.perChannel()) {
            Codebook book = Clustering.cluster(w, c.k(), c.init(), c.preserveSparsity(),
                    c.seed() + t.name().hashCode());
            return t.withClusters(new Clusters(QuantSpec.PER_TENSOR, List.of(book)));
        }
        int axis = TensorSelection.outputAxis(t);
        Codebook[] books = Clustering.clusterPerChannel(w, t.shape(), axis, c.k(), c.init(),
                c.preserveSparsity(), c.seed() + t.name().hashCode());
        return t.withClusters(new Clusters(axis, Arrays.asList(books)));
    }
}
