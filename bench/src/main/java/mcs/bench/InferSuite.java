package mcs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;

/**
 * Inference latency (median forward pass) of LeNet-5 at batch 1 and 256: dense; pruned to 90%
 * (masks); clustered to 16 centroids per kernel; int8 per output channel.
 */
final class InferSuite implements Suite {

    @Override
    public String name() {
        return "infer";
    }

    @Override
    public void run(Consumer<Measure> report) {
        Model dense = ReferenceModels.lenet5(1);
        List<Model> variants = List.of(dense,
                kernels(dense, t -> t.withMask(MagnitudePruner.mask(t.values(), 0.9))),
                kernels(dense, t -> t.withClusters(new Clusters(-1, List.of(Clustering.cluster(
                        t.values(), 16, CentroidInit.LINEAR, false, 1))))),
                kernels(dense, t -> t.withQuant(WeightQuantizer.int8PerChannel(t.values(),
                        t.shape(), t.shape().length == 2 ? 1 : 0))));
        String[] kinds = {"dense", "pruned", "clustered", "int8"};
        for (int i = 0; i < kinds.length; i++) {
            for (int batch : new int[] {1, 256}) {
                report.accept(new Measure("infer.lenet5-" + kinds[i] + ".b" + batch,
                        Evaluator.latencyMillis(variants.get(i), batch), "ms"));
            }
        }
    }

    /** The model with every kernel transformed. */
    static Model kernels(Model m, UnaryOperator<Tensor> f) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                out.add(f.apply(t));
            }
        }
        return m.withTensors(out);
    }
}
