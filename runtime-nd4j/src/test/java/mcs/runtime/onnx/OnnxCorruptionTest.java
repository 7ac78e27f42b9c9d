package mcs.runtime.onnx;

import static mcs.runtime.onnx.OnnxBytes.floats;
import static mcs.runtime.onnx.OnnxBytes.graph;
import static mcs.runtime.onnx.OnnxBytes.integer;
import static mcs.runtime.onnx.OnnxBytes.ints;
import static mcs.runtime.onnx.OnnxBytes.longs;
import static mcs.runtime.onnx.OnnxBytes.model;
import static mcs.runtime.onnx.OnnxBytes.node;
import static mcs.runtime.onnx.OnnxBytes.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import mcs.runtime.DamagedFiles;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged copies of every ONNX fixture load or end in an {@link InvalidInputException} naming
 * the file, each within 2 s of CPU and 512 MB allocated ({@link DamagedFiles}): truncated at 64
 * lengths, 500 single changed bytes, and structural edits (hostile integers, dropped fields;
 * {@link ProtoEdits}), since a changed byte mostly lands in weights. Then the crashes those
 * found and the graphs no exporter writes, each as a small file made here.
 */
class OnnxCorruptionTest {

    static List<String> fixtures() {
        return List.of("cifar10_cnn_pytorch_opset12_deepprove", "iris_linear_opset13_tribuo",
                "iris_mlp_pytorch_opset10_deepprove", "iris_mlp_pytorch_opset12_deepprove",
                "mnist_cnn_cntk_opset7_winml", "mnist_cnn_cntk_opset8_kotlindl",
                "mnist_cnn_pytorch_opset9_tribuo", "mnist_lenet_sigmoid_avgpool_opset12_deepprove",
                "ppocr_mobilev2_textdir_cls_constnodes_gutenye", "squeezenet1.0_fp16_opset7_winml",
                "tinybert_pytorch_opset11_tribuo");
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("fixtures")
    void truncatedAndFlippedCopiesLoadOrAreRefused(String name) throws IOException {
        Path file = fixture(name);
        byte[] good = DamagedFiles.read(file);
        Function<Path, ?> load = loader(name);
        warmUp(file, load);
        DamagedFiles.assertKept(DamagedFiles.check(good, tmp.resolve(file.getFileName()),
                DamagedFiles.truncations(good.length, 64),
                DamagedFiles.flips(good.length, 500, name.hashCode()), load));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void structurallyEditedCopiesLoadOrAreRefused(String name) throws IOException {
        Path file = fixture(name);
        Function<Path, ?> load = loader(name);
        warmUp(file, load);
        DamagedFiles.assertKept(DamagedFiles.check(tmp.resolve(file.getFileName()),
                new ProtoEdits(DamagedFiles.read(file)).edits(150, name.hashCode()), load));
    }

    @Tag("slow")
    @ParameterizedTest
    @MethodSource("fixtures")
    void manyMoreDamagedCopiesLoadOrAreRefused(String name) throws IOException {
        Path file = fixture(name);
        byte[] good = DamagedFiles.read(file);
        Function<Path, ?> load = loader(name);
        warmUp(file, load);
        Path damaged = tmp.resolve(file.getFileName());
        DamagedFiles.assertKept(DamagedFiles.check(good, damaged, new int[0],
                DamagedFiles.flips(good.length, 3_000, name.hashCode() + 1L), load));
        DamagedFiles.assertKept(DamagedFiles.check(damaged,
                new ProtoEdits(good).edits(2_000, name.hashCode() + 1L), load));
    }

    // crashes found by the damaged copies, each as its smallest case

    /** ppocr with byte 36717 ^ 0x7c: a Constant lost its value; the message lacked the file. */
    @Test
    void aConstantWithoutAValueIsRefusedNamingTheFile() throws IOException {
        byte[] onnx = model(9, graph(new byte[][] {
            node("Constant", "", new String[0], new String[] {"k"}, ints("junk", 1)),
            node("Relu", "r", new String[] {"x"}, new String[] {"y"})},
            new byte[0][], value("x", 1, 4), value("y", 1, 4)));
        assertRefused(onnx, "Constant node -> k", "a value of a kind other than a tensor");
    }

    /**
     * cifar10 / mnist CNNs with a pad set to 65535 (structural edit): a Gemm whose weights do
     * not fit its input was built at the input's size first, 2.5 GB of initial weights.
     */
    @Test
    void aGemmThatDoesNotFitItsInputIsRefusedBeforeAllocating() throws IOException {
        byte[] onnx = model(12, graph(new byte[][] {
            node("Flatten", "f", new String[] {"x"}, new String[] {"flat"}),
            node("Gemm", "fc", new String[] {"flat", "w"}, new String[] {"y"}, integer("transB", 1))},
            new byte[][] {floats("w", new long[] {10, 4}, new float[40])},
            value("x", 1, 1, 4096, 4096), value("y", 1, 10)));
        DamagedFiles.Outcome o = assertRefused(onnx, "Gemm node fc",
                "Gemm of (16777216) by [10, 4] transposed");
        assertThat(o.allocated()).isLessThan(16L << 20);
    }

    // graphs no exporter writes, refused before they reach code that assumes otherwise

    @Test
    void tensorDimensionsBeyondAnArrayAreRefusedBeforeAllocating() throws IOException {
        // 2^32 x 2^32 is 0 in 64-bit arithmetic: it passed as an empty tensor
        assertRefused(gemmWith(floats("w", new long[] {1L << 32, 1L << 32})),
                "tensor w has a dimension of 4294967296");
        DamagedFiles.Outcome o = assertRefused(gemmWith(floats("w", new long[] {65_536, 65_536})),
                "tensor w [65536, 65536] has 4,294,967,296 values; one tensor holds at most");
        assertThat(o.allocated()).isLessThan(1L << 20);
    }

    @Test
    void aNodeWithoutOutputsIsRefused() throws IOException {
        byte[] onnx = model(12, graph(new byte[][] {
            node("Relu", "r", new String[] {"x"}, new String[0])},
            new byte[0][], value("x", 1, 4), value("y", 1, 4)));
        assertRefused(onnx, "node r has no output");
    }

    /** A node that redefines a value was left out of the imported model without a word. */
    @Test
    void aNodeRedefiningAValueIsRefused() throws IOException {
        byte[] onnx = model(12, graph(new byte[][] {
            node("Relu", "a", new String[] {"x"}, new String[] {"y"}),
            node("Sigmoid", "b", new String[] {"y"}, new String[] {"y"})},
            new byte[0][], value("x", 1, 4), value("y", 1, 4)));
        assertRefused(onnx, "node b computes y, which is already defined");
    }

    @Test
    void constantFoldingRefusesWhatItCannotCompute() throws IOException {
        byte[] shape = longs("s", new long[] {2}, 1, 4);
        // Gather out of range: was an ArrayIndexOutOfBoundsException
        assertRefused(reshapeBy(new byte[][] {shape, longs("i", new long[] {1}, 9)},
                node("Gather", "g", new String[] {"s", "i"}, new String[] {"t"})),
                "Gather node g: index 9 into 2 values");
        // Unsqueeze before opset 13 without axes: was a NullPointerException
        assertRefused(reshapeBy(new byte[][] {shape},
                node("Unsqueeze", "u", new String[] {"s"}, new String[] {"t"})),
                "Unsqueeze node u: an Unsqueeze without axes");
        // a missing second input: was a NullPointerException
        assertRefused(reshapeBy(new byte[][] {shape},
                node("Add", "add", new String[] {"s", ""}, new String[] {"t"})),
                "Add node add: a missing input 2");
        // Slice at opset 12 with empty starts: was an ArrayIndexOutOfBoundsException
        assertRefused(reshapeBy(new byte[][] {shape, longs("e", new long[] {0}),
            longs("z", new long[] {1}, 2)},
                node("Slice", "sl", new String[] {"s", "e", "z"}, new String[] {"t"})),
                "Slice node sl: an empty [0] tensor");
    }

    /** Folding a Reshape kept 8 values under a [4, 4] shape; the Gemm then read past them. */
    @Test
    void aFoldedReshapeMustKeepTheElementCount() throws IOException {
        byte[] onnx = model(12, graph(new byte[][] {
            node("Reshape", "rs", new String[] {"w", "s"}, new String[] {"w2"}),
            node("Gemm", "fc", new String[] {"x", "w2"}, new String[] {"y"})},
            new byte[][] {floats("w", new long[] {2, 4}, new float[8]),
                longs("s", new long[] {2}, 4, 4)},
            value("x", 1, 4), value("y", 1, 4)));
        assertRefused(onnx, "Reshape node rs: reshaping [2, 4] to [4, 4]");
    }

    @Test
    void attributesOfTheWrongLengthOrRangeAreRefused() throws IOException {
        byte[] k = floats("k", new long[] {2, 1, 3, 3}, new float[18]);
        // strides of one value: was an ArrayIndexOutOfBoundsException
        assertRefused(conv(k, ints("strides", 2)), "strides [2] (2-D windows only)");
        // 2^32 + 2 was cast to an int: a 2x2 window
        byte[] onnx = model(12, graph(new byte[][] {
            node("MaxPool", "mp", new String[] {"x"}, new String[] {"y"},
                    ints("kernel_shape", (1L << 32) + 2, 2))},
            new byte[0][], value("x", 1, 1, 8, 8), value("y", 1, 1, 4, 4)));
        assertRefused(onnx, "MaxPool node mp: kernel_shape 4294967298 is not supported");
        // a kernel for 3 input channels on 1
        assertRefused(conv(floats("k", new long[] {2, 3, 3, 3}, new float[54])),
                "a [2, 3, 3, 3] kernel in 1 groups on (8, 8, 1)");
        // Clip with an empty min: was an ArrayIndexOutOfBoundsException
        byte[] clip = model(12, graph(new byte[][] {
            node("Clip", "c", new String[] {"x", "lo"}, new String[] {"y"})},
            new byte[][] {floats("lo", new long[] {0})}, value("x", 1, 4), value("y", 1, 4)));
        assertRefused(clip, "Clip node c: an empty [0] tensor");
        // Add with one input: was an IndexOutOfBoundsException
        byte[] add = model(12, graph(new byte[][] {
            node("Add", "a", new String[] {"x"}, new String[] {"y"})},
            new byte[0][], value("x", 1, 4), value("y", 1, 4)));
        assertRefused(add, "Add node a: 1 inputs is not supported");
    }

    @Test
    void anInputLargerThanAnArrayIsRefused() throws IOException {
        byte[] onnx = model(12, graph(new byte[][] {
            node("Relu", "r", new String[] {"x"}, new String[] {"y"})},
            new byte[0][], value("x", 1, 1L << 20, 1L << 20), value("y", 1, 4)));
        Path f = tmp.resolve("wide.onnx");
        Files.write(f, onnx);
        assertThatThrownBy(() -> OnnxImport.load(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wide.onnx: the input x [1, 1048576, 1048576] has");
    }

    @Test
    void theHandMadeGraphsAreValidWhenUndamaged() throws IOException {
        Path f = tmp.resolve("ok.onnx");
        Files.write(f, gemmWith(floats("w", new long[] {3, 4}, new float[12])));
        assertThat(OnnxImport.load(f).paramCount()).isEqualTo(15);
        Files.write(f, conv(floats("k", new long[] {2, 1, 3, 3}, new float[18])));
        assertThat(OnnxImport.load(f).output()).isEqualTo(Shape.image(2, 6, 6));
        Files.write(f, reshapeBy(new byte[][] {longs("s", new long[] {2}, 1, 4)},
                node("Identity", "i", new String[] {"s"}, new String[] {"t"})));
        assertThat(OnnxImport.load(f).input()).isEqualTo(Shape.of(4));
    }

    private static byte[] gemmWith(byte[] weight) {
        return model(12, graph(new byte[][] {
            node("Gemm", "fc", new String[] {"x", "w"}, new String[] {"y"}, integer("transB", 1))},
            new byte[][] {weight}, value("x", 1, 4), value("y", 1, 3)));
    }

    private static byte[] conv(byte[] kernel, byte[]... attrs) {
        return model(12, graph(new byte[][] {
            node("Conv", "cv", new String[] {"x", "k"}, new String[] {"y"}, attrs)},
            new byte[][] {kernel}, value("x", 1, 1, 8, 8), value("y", 1, 2, 6, 6)));
    }

    /** x reshaped by the constant t, which {@code fold} computes from the initializers, then a Relu. */
    private static byte[] reshapeBy(byte[][] initializers, byte[] fold) {
        return model(12, graph(new byte[][] {fold,
            node("Reshape", "rs", new String[] {"x", "t"}, new String[] {"r"}),
            node("Relu", "relu", new String[] {"r"}, new String[] {"y"})},
            initializers, value("x", 1, 4), value("y", 1, 4)));
    }

    /** Loads the bytes as bad.onnx: refused with these parts in the message, and how it went. */
    private DamagedFiles.Outcome assertRefused(byte[] onnx, String... parts) throws IOException {
        Path f = tmp.resolve("bad.onnx");
        Files.write(f, onnx);
        DamagedFiles.Outcome o = DamagedFiles.measure("hand-made", f, OnnxImport::load);
        assertThat(o.error()).isInstanceOf(InvalidInputException.class);
        assertThat(o.error().getMessage()).startsWith("bad.onnx").contains(parts);
        assertThat(DamagedFiles.problem(o, "bad.onnx")).isNull();
        return o;
    }

    private static Path fixture(String name) {
        Path dir = OnnxImportTest.fixtures();
        Assumptions.assumeTrue(dir != null && Files.exists(dir.resolve(name + ".onnx")),
                "model fixtures not found (shared/fixtures/models or -Dmcs.fixtures): skipped");
        return dir.resolve(name + ".onnx");
    }

    /** Loads as the import test does: with the reference input shape where there is one. */
    private static Function<Path, ?> loader(String name) throws IOException {
        JsonObject ref = JsonParser.parseString(Files.readString(fixture(name)
                .resolveSibling("reference/" + name + ".ref.json"))).getAsJsonObject();
        if (!ref.has("input_shape")) {
            return OnnxImport::load;
        }
        int[] s = new Gson().fromJson(ref.get("input_shape"), int[].class);
        Shape sample = Shape.of(Arrays.copyOfRange(s, 1, s.length));
        return p -> OnnxImport.load(p, sample);
    }

    /** The intact file first: it keeps the contract too, and classes are loaded and compiled. */
    private static void warmUp(Path file, Function<Path, ?> load) {
        DamagedFiles.Outcome o = DamagedFiles.measure("intact", file, load);
        assertThat(DamagedFiles.problem(o, file.getFileName().toString())).isNull();
    }

}
