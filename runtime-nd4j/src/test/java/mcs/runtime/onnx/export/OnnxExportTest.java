package mcs.runtime.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.InvalidInputException;
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
import mcs.runtime.model.Window;
import mcs.runtime.onnx.export.OnnxExport.Quant;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.Pruning;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Float export: ONNX Runtime computes what mcs's own forward pass computes. */
class OnnxExportTest {

    private static final float TOLERANCE = 1e-4f;

    /** Max |ORT - mcs| over a batch of random inputs, printed for the record. */
    static float maxDiff(Model m, Quant quant, int batch) throws OrtException {
        float[] x = TestModels.inputs(m, batch, 42);
        float[] expected = Evaluator.logits(m, x, batch);
        try (OrtRunner ort = new OrtRunner(OnnxExport.toBytes(m, quant), m.input())) {
            float[] actual = ort.run(x, batch);
            float d = OrtRunner.maxAbsDiff(expected, actual);
            System.out.printf("export %s %s: max |ORT - mcs| = %.3g over %d logits, "
                    + "max |logit| %.3g%n", m.name(), quant.label(), d, expected.length,
                    OrtRunner.maxAbsDiff(expected, new float[expected.length]));
            return d;
        }
    }

    @Test
    void lenet5MatchesMcs() throws OrtException {
        assertThat(maxDiff(TestModels.randomized(ReferenceModels.lenet5(1), 1), Quant.NONE, 9))
                .isLessThan(TOLERANCE);
    }

    @Test
    void lenet300MatchesMcs() throws OrtException {
        assertThat(maxDiff(TestModels.randomized(ReferenceModels.lenet300(2), 2), Quant.NONE, 9))
                .isLessThan(TOLERANCE);
    }

    @Test
    void everyLayerKindMatchesMcs() throws OrtException {
        assertThat(maxDiff(TestModels.everyLayer(3), Quant.NONE, 7)).isLessThan(TOLERANCE);
    }

    @Test
    void groupedConvolutionsRectangularWindowsAndPaddedPoolsMatchMcs() throws OrtException {
        Model m = Model.sequential("windows", Shape.image(2, 11, 9), List.of(
                new LayerSpec.Conv2D(6, Window.explicit(3, 2, 2, 1, new int[] {1, 0, 1, 1}), 1,
                        Activation.RELU),
                new LayerSpec.Conv2D(6, Window.square(3, 1, Padding.SAME), 3, Activation.TANH),
                new LayerSpec.Pool(true, Window.explicit(3, 3, 2, 2, new int[] {1, 1, 1, 1}),
                        true),
                new LayerSpec.Pool(false, Window.explicit(2, 2, 1, 1, new int[] {0, 0, 1, 1}),
                        false),
                new LayerSpec.Flatten(), new LayerSpec.Dense(5, Activation.LINEAR)), 4);
        assertThat(maxDiff(TestModels.randomized(m, 4), Quant.NONE, 3)).isLessThan(TOLERANCE);
    }

    @Test
    void prunedModelExportsItsZeros() throws OrtException {
        Model pruned = Pruning.prune(TestModels.randomized(ReferenceModels.lenet5(4), 4),
                new ConstantSparsity(0.8, 0, -1, 100));
        assertThat(pruned.sparsity()).isGreaterThan(0.79);
        assertThat(maxDiff(pruned, Quant.NONE, 5)).isLessThan(TOLERANCE);
        Model dense = TestModels.randomized(ReferenceModels.lenet5(4), 4);
        float[] x = TestModels.inputs(dense, 5, 42);
        try (OrtRunner ort = new OrtRunner(OnnxExport.toBytes(dense, Quant.NONE), dense.input())) {
            // the pruned export is not simply the dense model: it differs where mcs differs
            assertThat(OrtRunner.maxAbsDiff(ort.run(x, 5), Evaluator.logits(pruned, x, 5)))
                    .isGreaterThan(1e-2f);
        }
    }

    @Test
    void clusteredModelExportsItsCentroids() throws OrtException {
        Model m = clustered(TestModels.everyLayer(5), 8);
        Tensor k = m.tensor("conv1.kernel");
        assertThat(k.clusters()).isNotNull();
        assertThat(distinct(k.values())).isLessThanOrEqualTo(8 * 8);
        assertThat(maxDiff(m, Quant.NONE, 5)).isLessThan(TOLERANCE);
    }

    @Test
    void writesTheFileAndCountsOperators(@TempDir Path dir) throws IOException {
        Model m = ReferenceModels.lenet5(0);
        OnnxExport.Written w = OnnxExport.export(m, dir.resolve("lenet5.onnx"), Quant.NONE);
        assertThat(w.path()).exists();
        assertThat(Files.size(w.path())).isEqualTo(w.bytes());
        // 431,080 float parameters, plus names and structure
        assertThat(w.bytes()).isBetween(431_080L * 4, 431_080L * 4 + 4_000);
        assertThat(w.describeOps()).isEqualTo("Conv 2, Flatten 1, Gemm 2, MaxPool 2, Relu 1");
        assertThat(w.nodes()).isEqualTo(8);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(w.path());
        }
    }

    @Test
    void refusesAFileNameWithoutTheOnnxExtension(@TempDir Path dir) {
        assertThatThrownBy(() -> OnnxExport.export(ReferenceModels.lenet300(0),
                dir.resolve("model.pt"), Quant.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("export: the file name must end in .onnx, got model.pt");
        assertThat(dir.resolve("model.pt")).doesNotExist();
    }

    @Test
    void leavesNoFileWhenTheDirectoryIsMissing(@TempDir Path dir) {
        Path target = dir.resolve("missing").resolve("m.onnx");
        assertThatThrownBy(() -> OnnxExport.export(ReferenceModels.lenet300(0), target,
                Quant.NONE)).isInstanceOf(InvalidInputException.class)
                .hasMessage("export: cannot write " + target + ": no such directory");
    }

    /** Every kernel clustered into {@code k} centroids per output channel. */
    static Model clustered(Model m, int k) {
        List<Tensor> ts = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                int axis = t.shape().length == 4 ? 0 : 1;
                List<mcs.runtime.cluster.Codebook> books = List.of(Clustering.clusterPerChannel(
                        t.values(), t.shape(), axis, k, CentroidInit.LINEAR, false, 7));
                ts.add(t.withClusters(new Clusters(axis, books)));
            }
        }
        return m.withTensors(ts);
    }

    private static int distinct(float[] v) {
        return (int) java.util.stream.IntStream.range(0, v.length).mapToDouble(i -> v[i])
                .distinct().count();
    }
}
