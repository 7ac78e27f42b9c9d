package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import mcs.runtime.Cancellation;
import mcs.runtime.compress.ModelQuantization;
import mcs.runtime.io.McsFile;
import mcs.runtime.io.ModelFiles;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.Pruning;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every imported fixture (ONNX and Keras, all but the refused transformer) goes through the
 * .mcz file unchanged, plain and after pruning and int8 quantisation: the reloaded model computes
 * bit for bit what the model in memory computes.
 */
class ImportedModelsInFilesTest {

    private static final Set<String> SKIP = Set.of("tinybert_pytorch_opset11_tribuo.onnx",
            "fashion_mnist_bn_cnn_kotlindl_weights.h5", "fashion_mnist_lenet_kotlindl_weights.h5");

    @TestFactory
    Stream<DynamicTest> importedModelsRoundTrip() throws IOException {
        Path dir = Fixtures.dir();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().matches(".*\\.(onnx|h5|json)$"))
                    .filter(p -> !SKIP.contains(p.getFileName().toString())).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> roundTrips(ModelFiles.load(f, inputOf(f), null))));
    }

    /** The input shape for a file that leaves it open (PaddleOCR's classifier: 3x48x192). */
    private static Shape inputOf(Path f) {
        return f.getFileName().toString().startsWith("ppocr") ? Shape.image(3, 48, 192) : null;
    }

    private static void roundTrips(Model imported) {
        Model pruned = Pruning.prune(imported, new ConstantSparsity(0.5, 0, -1, 100));
        ModelQuantization.Config int8 = new ModelQuantization.Config(
                ModelQuantization.Format.INT8, ModelQuantization.Mode.WEIGHTS, true, true, false,
                null, 0, ModelQuantization.Method.MINMAX, Set.of());
        Model small = ModelQuantization.quantize(pruned, int8, Cancellation.NEVER);
        float[] x = input(imported);
        for (Model m : List.of(imported, small)) {
            byte[] file = McsFile.encode(m);
            Model back = McsFile.decode(file, m.name() + ".mcz");
            assertThat(Evaluator.predict(back, x, 1)).containsExactly(Evaluator.predict(m, x, 1));
            assertThat(back.paramCount()).isEqualTo(m.paramCount());
        }
        if (imported.paramCount() > 10_000) { // tiny models are mostly headers and scales
            assertThat(McsFile.size(small)).isLessThan(McsFile.size(imported));
        }
    }

    private static float[] input(Model m) {
        Random r = new Random(3);
        float[] x = new float[m.input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }
}
