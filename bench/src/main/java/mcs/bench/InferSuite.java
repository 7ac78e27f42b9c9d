package mcs.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import mcs.runtime.analysis.Macs;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.prune.Selection;
import mcs.runtime.prune.StructuredPruning;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;

/**
 * Inference latency (median forward pass, best of three rounds) of LeNet-5 at batch 1 and
 * 256: dense; pruned to 90% (masks); clustered to 16 centroids per kernel; int8 per output
 * channel; and with half of each convolution's filters removed (structured, L1); dense and
 * structured also at batch 32. The same structured pruning of a small VGG-style network
 * ({@link #convnet}), whose time is mostly 3x3 convolutions, at the same three batches. For
 * each network the structured model's share of the dense model's multiply-accumulates and,
 * at each batch, of its latency. Then the same networks exported to ONNX and timed in ONNX
 * Runtime, float32 and int8 ({@link OnnxRuntimeInfer}).
 */
final class InferSuite implements Suite {

    static final String PREFIX = "infer.lenet5-";
    static final String CONVNET = "infer.convnet-";
    static final int[] BATCHES = {1, 32, 256};
    private static final int ROUNDS = 3;

    @Override
    public String name() {
        return "infer";
    }

    @Override
    public void run(Consumer<Measure> report) {
        Model dense = ReferenceModels.lenet5(1);
        Map<String, Model> models = new LinkedHashMap<>();
        models.put("dense", dense);
        models.put("pruned",
                kernels(dense, t -> t.withMask(MagnitudePruner.mask(t.values(), 0.9))));
        models.put("clustered", kernels(dense, t -> t.withClusters(new Clusters(-1, List.of(
                Clustering.cluster(t.values(), 16, CentroidInit.LINEAR, false, 1))))));
        models.put("int8", kernels(dense, t -> t.withQuant(WeightQuantizer.int8PerChannel(
                t.values(), t.shape(), t.shape().length == 2 ? 1 : 0))));
        models.put("structured", halfTheFilters(dense));
        Model convnet = convnet();
        Map<String, Model> convnets = new LinkedHashMap<>();
        convnets.put("dense", convnet);
        convnets.put("structured", halfTheFilters(convnet));
        Map<String, Map<String, Model>> networks = new LinkedHashMap<>();
        networks.put(PREFIX, models);
        networks.put(CONVNET, convnets);

        // every model at batch 1 and 256; dense and structured (all the convnet has) at 32 too
        List<Case> cases = new ArrayList<>();
        networks.forEach((prefix, kinds) -> {
            for (int batch : BATCHES) {
                kinds.forEach((kind, model) -> {
                    if (batch != 32 || kind.equals("dense") || kind.equals("structured")) {
                        cases.add(new Case(prefix + kind + ".b" + batch, model, batch));
                    }
                });
            }
        });
        // a warm-up round (compiled code, buffers), then rounds over all of them in turn; each
        // figure is its best round's median, so a burst of other work hits no model alone
        Map<String, Double> millis = new LinkedHashMap<>();
        for (int round = 0; round <= ROUNDS; round++) {
            for (Case c : cases) {
                double ms = Evaluator.latencyMillis(c.model(), c.batch());
                if (round > 0) {
                    millis.merge(c.name(), ms, Math::min);
                }
            }
        }
        millis.forEach((name, ms) -> report.accept(new Measure(name, ms, "ms")));
        networks.forEach((prefix, kinds) -> {
            report.accept(new Measure(prefix + "structured.macs-vs-dense",
                    (double) Macs.of(kinds.get("structured")) / Macs.of(kinds.get("dense")),
                    "x"));
            for (int batch : BATCHES) {
                report.accept(new Measure(shareName(prefix, batch),
                        millis.get(prefix + "structured.b" + batch)
                                / millis.get(prefix + "dense.b" + batch), "x"));
            }
        });
        OnnxRuntimeInfer.run(report);
    }

    /** The line of a structured model's latency as a share of its dense model's. */
    static String shareName(String prefix, int batch) {
        return prefix + "structured.latency-vs-dense.b" + batch;
    }

    /** Half of each convolution's filters removed by their L1 norms. */
    private static Model halfTheFilters(Model m) {
        return StructuredPruning.prune(m, 0.5, StructuredPruning.Granularity.FILTER,
                StructuredPruning.Norm.L1, Selection.ALL);
    }

    /**
     * A small VGG-style network on 28x28 images, as pytorch_bench.py builds it: two 3x3
     * convolutions of 32 filters, 2x2 max pooling, two of 64, pooling, dense 128, dense 10;
     * "same" padding, ReLU (18.7 M multiply-accumulates per image, 90% in the convolutions).
     */
    static Model convnet() {
        return Model.sequential("convnet", Shape.image(1, 28, 28), List.of(
                new LayerSpec.Conv2D(32, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Conv2D(32, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Conv2D(64, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Conv2D(64, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.Pool(true, 2, 2),
                new LayerSpec.Flatten(),
                new LayerSpec.Dense(128, Activation.RELU),
                new LayerSpec.Dense(10, Activation.LINEAR)), 1);
    }

    /** One latency measured: its line's name, the model, the batch size. */
    private record Case(String name, Model model, int batch) { }

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
