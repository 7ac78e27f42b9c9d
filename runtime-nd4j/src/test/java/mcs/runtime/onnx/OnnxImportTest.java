package mcs.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every ONNX fixture in shared/fixtures/models is imported and run on its reference input; the
 * outputs must match the numpy float64 forward passes in reference/*.ref.json.
 */
class OnnxImportTest {

    /** The fixtures folder: -Dmcs.fixtures=..., or shared/fixtures/models above the working dir. */
    static Path fixtures() {
        String prop = System.getProperty("mcs.fixtures");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/fixtures/models");
            if (Files.isDirectory(f)) {
                return f;
            }
        }
        return null;
    }

    private static Path fixture(String file) {
        Path dir = fixtures();
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve(file)),
                "model fixtures not found (shared/fixtures/models or -Dmcs.fixtures): skipped");
        return dir.resolve(file);
    }

    /** A model, its reference input and output. */
    record Case(Model model, float[] input, int batch, float[] expected) { }

    static Case load(String name) throws IOException {
        Path onnx = fixture(name + ".onnx");
        JsonObject ref = JsonParser.parseString(Files.readString(
                onnx.resolveSibling("reference/" + name + ".ref.json"))).getAsJsonObject();
        int[] shape = new Gson().fromJson(ref.get("input_shape"), int[].class);
        int[] sample = Arrays.copyOfRange(shape, 1, shape.length);
        Model m = OnnxImport.load(onnx, Shape.of(sample));
        float[] x = new float[shape[0] * Shape.of(sample).size()];
        if (ref.has("input")) {
            JsonArray a = ref.getAsJsonArray("input");
            for (int i = 0; i < x.length; i++) {
                x[i] = a.get(i).getAsFloat();
            }
        } else {
            // squeezenet: x[0,c,h,w] = ((c*50176 + h*224 + w) * 37) % 256, i.e. of the flat index
            assertThat(ref.get("input_formula").getAsString()).contains("* 37) % 256");
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((i * 37L) % 256);
            }
        }
        JsonArray out = ref.getAsJsonArray("output");
        float[] y = new float[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = out.get(i).getAsFloat();
        }
        return new Case(m, x, shape[0], y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cifar10_cnn_pytorch_opset12_deepprove", "iris_linear_opset13_tribuo",
        "iris_mlp_pytorch_opset10_deepprove", "iris_mlp_pytorch_opset12_deepprove",
        "mnist_cnn_cntk_opset7_winml", "mnist_cnn_cntk_opset8_kotlindl",
        "mnist_cnn_pytorch_opset9_tribuo", "mnist_lenet_sigmoid_avgpool_opset12_deepprove",
        "ppocr_mobilev2_textdir_cls_constnodes_gutenye", "squeezenet1.0_fp16_opset7_winml"})
    void matchesTheReferenceOutputs(String name) throws IOException {
        Case c = load(name);
        float[] y = Evaluator.predict(c.model(), c.input(), c.batch());
        assertThat(y).hasSameSizeAs(c.expected());
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < y.length; i++) {
            double e = c.expected()[i], d = Math.abs(y[i] - e);
            maxAbs = Math.max(maxAbs, d);
            maxRel = Math.max(maxRel, d / Math.max(Math.abs(e), 1e-6));
            double tol = name.startsWith("squeezenet") ? 1e-3 : 1e-5 + 1e-4 * Math.abs(e);
            assertThat(d).as("%s output %d: %s vs %s", name, i, y[i], e).isLessThanOrEqualTo(tol);
        }
        System.out.printf("%s: %d layers, %,d params, max abs error %.2e, max rel %.2e%n", name,
                c.model().allLayers().size(), c.model().paramCount(), maxAbs, maxRel);
    }

    @Test
    void branchesShowWhereTheGraphForks() throws IOException {
        Model squeeze = load("squeezenet1.0_fp16_opset7_winml").model();
        long concats = squeeze.allLayers().stream().filter(l -> l.spec()
                instanceof LayerSpec.Branch b && b.merge() == LayerSpec.Branch.Merge.CONCAT).count();
        assertThat(concats).isEqualTo(8); // one per fire module
        assertThat(squeeze.tensors()).allMatch(t -> t.precision().name().equals("FP16"));
        Model ocr = load("ppocr_mobilev2_textdir_cls_constnodes_gutenye").model();
        List<LayerSpec.Branch.Merge> merges = new ArrayList<>();
        ocr.allLayers().forEach(l -> {
            if (l.spec() instanceof LayerSpec.Branch b) {
                merges.add(b.merge());
            }
        });
        // 9 squeeze-excitation products, 18 hard-swish products, residual adds
        assertThat(merges).filteredOn(m -> m == LayerSpec.Branch.Merge.MUL).hasSize(27);
        assertThat(merges).contains(LayerSpec.Branch.Merge.ADD);
    }

    @Test
    void opsetSevenAndEightOfTheSameWeightsAgree() throws IOException {
        Case a = load("mnist_cnn_cntk_opset7_winml"), b = load("mnist_cnn_cntk_opset8_kotlindl");
        assertThat(Evaluator.predict(a.model(), a.input(), 1))
                .containsExactly(Evaluator.predict(b.model(), b.input(), 1));
    }

    @Test
    void importedModelsCanBePrunedAndQuantised() throws IOException {
        Case c = load("ppocr_mobilev2_textdir_cls_constnodes_gutenye");
        List<Tensor> pruned = new ArrayList<>();
        for (Tensor t : c.model().tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                pruned.add(t.withMask(MagnitudePruner.mask(t.values(), 0.5)));
            }
        }
        Model p = c.model().withTensors(pruned);
        assertThat(p.sparsity()).isBetween(0.49, 0.51);
        List<Tensor> quantised = new ArrayList<>();
        for (Tensor t : p.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                quantised.add(t.withQuant(WeightQuantizer.int8PerChannel(t.values(), t.shape(), 0)));
            }
        }
        Model q = p.withTensors(quantised);
        Tensor k = q.tensor("conv1.kernel");
        QuantSpec spec = k.quant();
        int[] ints = Quantizer.quantize(k.values(), k.shape(), spec);
        assertThat(Arrays.stream(ints).min().getAsInt()).isGreaterThanOrEqualTo(-127);
        assertThat(Arrays.stream(ints).max().getAsInt()).isLessThanOrEqualTo(127);
        assertThat(q.sparsity()).isBetween(0.49, 0.51);
        float[] y = Evaluator.predict(q, c.input(), 1);
        assertThat(y).hasSize(2);
        assertThat(Math.min(y[0], y[1])).isGreaterThanOrEqualTo(0f);
        assertThat(y[0] + y[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(y).isNotEqualTo(Evaluator.predict(c.model(), c.input(), 1));
    }

    @Test
    void refusesUnsupportedOpsByName() {
        Path bert = fixture("tinybert_pytorch_opset11_tribuo.onnx");
        assertThatThrownBy(() -> OnnxImport.load(bert))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tinybert_pytorch_opset11_tribuo.onnx")
                .hasMessageContaining("Erf").hasMessageContaining("ReduceMean")
                .hasMessageContaining("Transpose");
    }

    @Test
    void asksForTheInputShapeWhenTheFileLeavesItOpen() {
        Path ocr = fixture("ppocr_mobilev2_textdir_cls_constnodes_gutenye.onnx");
        assertThatThrownBy(() -> OnnxImport.load(ocr))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("give the input shape");
    }

    @Test
    void truncatedAndForeignFilesGiveAClearError(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(fixture("mnist_cnn_pytorch_opset9_tribuo.onnx"));
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> OnnxImport.load(cut)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cut.onnx");
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is not a model\n");
        assertThatThrownBy(() -> OnnxImport.load(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notes.onnx");
        assertThatThrownBy(() -> OnnxImport.load(dir.resolve("missing.onnx")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing.onnx");
    }
}
