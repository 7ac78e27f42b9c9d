package mcs.runtime.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.PackageInstaller;
import mcs.runtime.data.Split;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.onnx.export.OnnxExport.Quant;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.ProgressListener;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * QDQ export: ONNX Runtime dequantises the same integers mcs's forward pass runs with, so
 * weight-only quantised models agree with mcs; quantised activations agree with a plain-Java
 * reference of ONNX QuantizeLinear/DequantizeLinear semantics.
 */
class OnnxQdqExportTest {

    private static final float TOLERANCE = 1e-4f;

    /** Every kernel on TFLite's int8 grid (symmetric, per output channel). */
    static Model int8Weights(Model m) {
        List<Tensor> ts = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                int axis = t.shape().length == 4 ? 0 : 1;
                ts.add(t.withQuant(WeightQuantizer.int8PerChannel(t.values(), t.shape(), axis)));
            }
        }
        return m.withTensors(ts);
    }

    @Test
    void weightOnlyQdqRunsTheInt8GridMcsRuns() throws OrtException {
        Model m = TestModels.randomized(ReferenceModels.lenet5(6), 6);
        Model q = int8Weights(m);
        float[] x = TestModels.inputs(m, 6, 9);
        float[] mcs = Evaluator.logits(q, x, 6);
        // float model quantised by the exporter, and the model already on the grid: the same
        for (Model exported : List.of(m, q)) {
            byte[] onnx = OnnxExport.toBytes(exported, Quant.QDQ);
            try (OrtRunner ort = new OrtRunner(onnx, m.input())) {
                float d = OrtRunner.maxAbsDiff(mcs, ort.run(x, 6));
                System.out.printf("export lenet5 qdq (weights int8): max |ORT - mcs| = %.3g%n", d);
                assertThat(d).isLessThan(TOLERANCE);
            }
            assertThat(onnx.length).isLessThan(431_080 / 4 * 5);
        }
        // and the grid matters: the float weights give other logits
        assertThat(OrtRunner.maxAbsDiff(mcs, Evaluator.logits(m, x, 6))).isGreaterThan(1e-4f);
    }

    @Test
    void usesEachTensorsOwnGridExactly() throws OrtException {
        Model m = int8Weights(OnnxExportTest.clustered(TestModels.everyLayer(8), 6));
        List<Tensor> ts = new ArrayList<>();
        Tensor conv1 = m.tensor("conv1.kernel");
        ts.add(conv1.withQuant(conv1.refitCentroids(
                QuantSpec.fromRange(4, true, true, 0f, 1f))));
        Tensor dense1 = m.tensor("dense1.kernel");
        ts.add(dense1.withQuant(dense1.refitCentroids(QuantSpec.fromRange(8, false, false,
                0f, 1f))));
        Tensor plain = TestModels.everyLayer(8).tensor("dense3.kernel");
        ts.add(plain.withQuant(WeightQuantizer.perTensor(plain.values(), 8, false, false)));
        Tensor bias = m.tensor("dense3.bias");
        ts.add(bias.withQuant(WeightQuantizer.perTensor(bias.values(), 8, true, true)));
        Model q = m.withTensors(ts);
        assertThat(q.tensor("conv1.kernel").quant().bits()).isEqualTo(4);
        assertThat(q.tensor("dense1.kernel").quant().signed()).isFalse();
        assertThat(OnnxExportTest.maxDiff(q, Quant.QDQ, 5)).isLessThan(TOLERANCE);
    }

    @Test
    void quantisedActivationsFollowQuantizeLinearSemantics() throws OrtException {
        Model m = TestModels.randomized(Model.sequential("mlp", Shape.of(20), List.of(
                new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.Dense(4, Activation.LINEAR)), 3), 3);
        QuantSpec in = QuantSpec.fromRange(8, false, false, 0f, 1f);
        QuantSpec hidden = QuantSpec.fromRange(8, false, false, 0f, 2f);
        QuantSpec out = QuantSpec.fromRange(8, true, false, -2f, 2f);
        Model q = int8Weights(m).withActivations(Map.of(Model.INPUT, in, "dense1", hidden,
                "dense2", out));
        int batch = 16;
        float[] x = TestModels.inputs(m, batch, 5);
        float[] expected = reference(q, x, batch);
        byte[] onnx = OnnxExport.toBytes(q, Quant.QDQ);
        try (OrtRunner ort = new OrtRunner(onnx, m.input())) {
            float[] actual = ort.run(x, batch);
            float d = OrtRunner.maxAbsDiff(expected, actual);
            int same = 0;
            for (int i = 0; i < actual.length; i++) {
                same += Math.abs(actual[i] - expected[i]) < 1e-6f ? 1 : 0;
            }
            System.out.printf("export mlp qdq (activations): max |ORT - reference| = %.3g, "
                    + "%d of %d identical%n", d, same, actual.length);
            // a value at a rounding tie may land one step away; nearly all are identical
            assertThat(d).isLessThanOrEqualTo(out.scale(0) * 1.001f);
            assertThat(same).isGreaterThanOrEqualTo(actual.length * 9 / 10);
        }
    }

    /**
     * Plain-Java reference of the QDQ graph for a two-layer perceptron: input fake-quantised,
     * int8 kernels dequantised, int32 biases of scale s_in * s_w, each layer's output
     * fake-quantised.
     */
    private static float[] reference(Model q, float[] x, int batch) {
        QuantSpec grid = q.activations().get(Model.INPUT);
        float[] h = fakeQuant(x, grid);
        for (String layer : List.of("dense1", "dense2")) {
            Tensor w = q.tensor(layer + ".kernel");
            float[] b = Quantizer.dequantizeBias(Quantizer.quantizeBias(
                    q.tensor(layer + ".bias").values(), grid.scale(0), w.quant().scales()),
                    grid.scale(0), w.quant().scales());
            int in = w.shape()[0], units = w.shape()[1];
            float[] y = new float[batch * units];
            for (int r = 0; r < batch; r++) {
                for (int o = 0; o < units; o++) {
                    float s = 0f;
                    for (int i = 0; i < in; i++) {
                        s += h[r * in + i] * w.value(i * units + o);
                    }
                    s += b[o];
                    y[r * units + o] = layer.equals("dense1") ? Math.max(0f, s) : s;
                }
            }
            grid = q.activations().get(layer);
            h = fakeQuant(y, grid);
        }
        return h;
    }

    private static float[] fakeQuant(float[] v, QuantSpec q) {
        return Quantizer.dequantize(Quantizer.quantize(v, q), q);
    }

    @Test
    void refusesFourBitActivations() {
        Model m = ReferenceModels.lenet300(0).withActivations(Map.of("dense1",
                QuantSpec.fromRange(4, false, false, 0f, 1f)));
        assertThatThrownBy(() -> OnnxExport.toBytes(m, Quant.QDQ))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("8-bit activations only; the activations of dense1 are "
                        + "quantised to 4 bits");
        assertThat(OnnxExport.toBytes(m, Quant.NONE)).isNotEmpty();
    }

    @Test
    @Tag("slow")
    void trainedLenet5KeepsItsAccuracyInOnnxRuntime() throws OrtException {
        Dataset full = new Datasets(Map.of(), Path.of("/nonexistent"), s -> { },
                PackageInstaller.NONE).load("fashion-mnist", null);
        Dataset small = new Dataset("fashion-mnist-8k", full.train().head(8192), full.test());
        Model trained = Trainer.fit(ReferenceModels.lenet5(0), small,
                new TrainConfig(1, 128, 1e-3, Optimizer.ADAM, 0), "train", ProgressListener.NONE,
                Cancellation.NEVER);
        Model q = int8Weights(trained);
        double mcs = Evaluator.accuracy(q, full.test(), Cancellation.NEVER);
        byte[] onnx = OnnxExport.toBytes(trained, Quant.QDQ);
        double ort, ortFloatMatMul;
        try (OrtRunner runner = OrtRunner.withDefaults(onnx, trained.input())) {
            ort = accuracy(runner, full.test());
        }
        try (OrtRunner runner = new OrtRunner(onnx, trained.input())) {
            ortFloatMatMul = accuracy(runner, full.test());
        }
        System.out.printf("lenet5 int8 weights, Fashion-MNIST test: mcs %.4f, ORT %.4f "
                + "(defaults), %.4f (float MatMulNBits)%n", mcs, ort, ortFloatMatMul);
        assertThat(mcs).isGreaterThan(0.7);
        assertThat(Math.abs(ort - mcs)).isLessThanOrEqualTo(0.001);
        assertThat(Math.abs(ortFloatMatMul - mcs)).isLessThanOrEqualTo(0.001);
    }

    private static double accuracy(OrtRunner runner, Split test) throws OrtException {
        int batch = 500, size = test.sampleShape().size(), correct = 0;
        float[] x = new float[batch * size];
        for (int from = 0; from < test.size(); from += batch) {
            int count = Math.min(batch, test.size() - from);
            test.copyRange(from, count, FloatBuffer.wrap(x));
            float[] logits = runner.run(java.util.Arrays.copyOf(x, count * size), count);
            int classes = logits.length / count;
            for (int r = 0; r < count; r++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (logits[r * classes + c] > logits[r * classes + best]) {
                        best = c;
                    }
                }
                correct += best == test.label(from + r) ? 1 : 0;
            }
        }
        return (double) correct / test.size();
    }
}
