package mcs.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import mcs.runtime.analysis.Macs;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.prune.Selection;
import mcs.runtime.prune.StructuredPruning;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;

/**
 * Inference latency (median forward pass) of LeNet-5 at batch 1 and 256: dense; pruned to 90%
 * (masks); clustered to 16 centroids per kernel; int8 per output channel; and with half of
 * each convolution's filters removed (structured, L1), also at batch 32, with its share of the
 * dense model's multiply-accumulates and of its latency.
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
        variants.forEach(m -> Evaluator.latencyMillis(m, 1)); // warm-up: compiled code for all
        for (int i = 0; i < kinds.length; i++) {
            for (int batch : new int[] {1, 256}) {
                report.accept(new Measure("infer.lenet5-" + kinds[i] + ".b" + batch,
                        Evaluator.latencyMillis(variants.get(i), batch), "ms"));
            }
        }
        Model structured = StructuredPruning.prune(dense, 0.5,
                StructuredPruning.Granularity.FILTER, StructuredPruning.Norm.L1, Selection.ALL);
        report.accept(new Measure("infer.lenet5-structured.macs-vs-dense",
                (double) Macs.of(structured) / Macs.of(dense), "x"));
        for (int batch : new int[] {1, 32, 256}) {
            // the two models measured in turn, three times: the ratio of the medians
            double[] ms = new double[3], base = new double[3];
            for (int r = 0; r < 3; r++) {
                base[r] = Evaluator.latencyMillis(dense, batch);
                ms[r] = Evaluator.latencyMillis(structured, batch);
            }
            report.accept(new Measure("infer.lenet5-structured.b" + batch, median(ms), "ms"));
            report.accept(new Measure("infer.lenet5-structured.latency-vs-dense.b" + batch,
                    median(ms) / median(base), "x"));
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
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
