package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and layers mcs cannot import give one clear message naming the file. */
class KerasImportErrorsTest {

    @TempDir
    Path tmp;

    private Path weights() {
        return Fixtures.dir().resolve("fashion_mnist_lenet_kotlindl_weights.h5");
    }

    private Path json(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unsupportedLayersAreListedTogether() throws IOException {
        Path cfg = json("odd.json", """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                 {"class_name": "Conv2D", "config": {"name": "conv2d", "filters": 32,
                  "batch_input_shape": [null, 28, 28, 1], "kernel_size": [3, 3],
                  "padding": "same", "activation": "relu"}},
                 {"class_name": "Conv2D", "config": {"name": "dilated", "filters": 4,
                  "kernel_size": [3, 3], "dilation_rate": [2, 2]}},
                 {"class_name": "LSTM", "config": {"name": "lstm_1", "units": 4}},
                 {"class_name": "Dense", "config": {"name": "dense_9", "units": 3,
                  "activation": "elu"}}]}}""");
        assertThatThrownBy(() -> KerasImport.load(cfg, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(cfg.toString())
                .hasMessageContaining("cannot import 3 layers")
                .hasMessageContaining("dilated (Conv2D: dilation 2x2)")
                .hasMessageContaining("lstm_1 (LSTM)")
                .hasMessageContaining("dense_9 (Dense: activation elu)");
    }

    @Test
    void unsupportedMergesAreNamed() throws IOException {
        Path cfg = json("sub.json", """
                {"class_name": "Model", "config": {"name": "m", "layers": [
                 {"class_name": "InputLayer", "name": "in", "inbound_nodes": [],
                  "config": {"name": "in", "batch_input_shape": [null, 4]}},
                 {"class_name": "Activation", "name": "a", "config": {"activation": "relu"},
                  "inbound_nodes": [[["in", 0, 0, {}]]]},
                 {"class_name": "Activation", "name": "b", "config": {"activation": "tanh"},
                  "inbound_nodes": [[["in", 0, 0, {}]]]},
                 {"class_name": "Subtract", "name": "sub", "config": {},
                  "inbound_nodes": [[["a", 0, 0, {}], ["b", 0, 0, {}]]]}],
                 "input_layers": [["in", 0, 0]], "output_layers": [["sub", 0, 0]]}}""");
        assertThatThrownBy(() -> KerasImport.load(cfg, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot import 1 layer that")
                .hasMessageContaining("sub (Subtract)");
    }

    @Test
    void notHdf5AndTruncatedFilesAreNamed() throws IOException {
        Path junk = tmp.resolve("junk.h5");
        Files.writeString(junk, "this is not an HDF5 file");
        assertThatThrownBy(() -> KerasImport.load(junk))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(junk.toString())
                .hasMessageContaining("not a readable Keras HDF5 file");
        byte[] full = Files.readAllBytes(Fixtures.dir().resolve("mnist_mlp_kotlindl.h5"));
        // the Adam moments fill the last two thirds of the file; cut into the model weights
        for (int keep : new int[] {full.length / 5, full.length / 10, 4096, 600}) {
            Path cut = tmp.resolve("cut" + keep + ".h5");
            Files.write(cut, Arrays.copyOf(full, keep));
            assertThatThrownBy(() -> KerasImport.load(cut))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith(cut.toString());
        }
    }

    @Test
    void badJsonIsReported() throws IOException {
        Path broken = json("broken.json", "{\"class_name\": \"Sequential\", \"config\": [");
        assertThatThrownBy(() -> KerasImport.load(broken, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(broken.toString()).hasMessageContaining("not valid JSON");
        Path other = json("other.json", "{\"hello\": 1}");
        assertThatThrownBy(() -> KerasImport.load(other, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a Keras model configuration");
        Path noShape = json("noshape.json", """
                {"class_name": "Sequential", "config": [{"class_name": "Dense",
                 "config": {"name": "d", "units": 2}}]}""");
        assertThatThrownBy(() -> KerasImport.load(noShape, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not say its input shape");
    }

    @Test
    void weightsAreFoundBesideTheJsonOrAskedFor() throws IOException {
        Path cfg = tmp.resolve("net.json");
        Files.copy(Fixtures.dir().resolve("fashion_mnist_lenet_kotlindl.json"), cfg);
        assertThatThrownBy(() -> KerasImport.load(cfg))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no weights file next to it")
                .hasMessageContaining("net_weights.h5");
        Files.copy(weights(), tmp.resolve("net_weights.h5"));
        assertThat(KerasImport.load(cfg).paramCount()).isEqualTo(844_326);
        assertThatThrownBy(() -> KerasImport.load(weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("holds only weights");
        assertThatThrownBy(() -> KerasImport.load(tmp.resolve("absent.h5")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void weightsOfTheWrongShapeAreReported() throws IOException {
        String text = Files.readString(Fixtures.dir().resolve("fashion_mnist_lenet_kotlindl.json"))
                .replace("\"units\": 256", "\"units\": 128");
        Path cfg = json("narrow.json", text);
        assertThatThrownBy(() -> KerasImport.load(cfg, weights()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("layer dense (Dense)")
                .hasMessageContaining("[3136, 256]");
    }
}
