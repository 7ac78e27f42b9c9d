package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mcs.runtime.DamagedFiles;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged copies of every Keras fixture file load or end in an {@link InvalidInputException}
 * naming the file, each within 2 s of CPU and 512 MB allocated ({@link DamagedFiles}): truncated
 * at 64 lengths and 500 single changed bytes for each file (both files of a JSON + weights
 * pair, the other left intact), and for the JSON configurations one value replaced by a hostile
 * one (a huge or negative size, null, another layer class). Then the crashes those found, each
 * as its smallest case.
 */
class KerasCorruptionTest {

    static List<String> files() {
        return List.of("mnist_mlp_kotlindl.h5", "fer2013_mini_xception_oarriaga.h5",
                "fashion_mnist_lenet_kotlindl.json", "fashion_mnist_lenet_kotlindl_weights.h5",
                "fashion_mnist_bn_cnn_kotlindl.json", "fashion_mnist_bn_cnn_kotlindl_weights.h5");
    }

    /** The JSON configurations: the two files, and the model_config of the mini-XCEPTION. */
    static List<String> configs() {
        return List.of("fashion_mnist_lenet_kotlindl", "fashion_mnist_bn_cnn_kotlindl",
                "fer2013_mini_xception_oarriaga");
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @MethodSource("files")
    void truncatedAndFlippedCopiesLoadOrAreRefused(String name) throws IOException {
        byte[] good = DamagedFiles.read(Fixtures.dir().resolve(name));
        Function<Path, ?> load = besideItsPartner(name);
        DamagedFiles.assertKept(DamagedFiles.check(good, tmp.resolve(name),
                DamagedFiles.truncations(good.length, 64),
                DamagedFiles.flips(good.length, 500, name.hashCode()), load));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void configurationsWithAHostileValueLoadOrAreRefused(String stem) throws IOException {
        String json = config(stem);
        DamagedFiles.assertKept(DamagedFiles.check(tmp.resolve(stem + ".json"), hostileValues(json, 300,
                stem.hashCode()), KerasImport::load));
    }

    @Tag("slow")
    @ParameterizedTest
    @MethodSource("files")
    void manyMoreFlippedCopiesLoadOrAreRefused(String name) throws IOException {
        byte[] good = DamagedFiles.read(Fixtures.dir().resolve(name));
        Function<Path, ?> load = besideItsPartner(name);
        DamagedFiles.assertKept(DamagedFiles.check(good, tmp.resolve(name), new int[0],
                DamagedFiles.flips(good.length, 3_000, name.hashCode() + 1L), load));
    }

    @Tag("slow")
    @ParameterizedTest
    @MethodSource("configs")
    void manyMoreHostileValuesLoadOrAreRefused(String stem) throws IOException {
        String json = config(stem);
        DamagedFiles.assertKept(DamagedFiles.check(tmp.resolve(stem + ".json"), hostileValues(json, 3_000,
                stem.hashCode() + 1L), KerasImport::load));
    }

    // crashes found by the damaged copies, each with the change that found it

    /**
     * byte 113 ^ 0x6b and byte 2927 ^ 0x72 of the LeNet JSON: "class_name" misspelt, and a
     * NullPointerException where the class was looked up.
     */
    @Test
    void aLayerWithoutClassNameIsRefused() throws IOException {
        for (int[] flip : new int[][] {{113, 0x6b}, {2927, 0x72}}) {
            DamagedFiles.Outcome o = flipped("fashion_mnist_lenet_kotlindl.json", flip[0], flip[1]);
            assertRefused(o, "fashion_mnist_lenet_kotlindl.json", "has no class_name");
        }
    }

    /** byte 284 ^ 0x77 of the LeNet JSON: the size 28 read as E8, a NumberFormatException. */
    @Test
    void aSizeThatIsNotANumberIsRefused() throws IOException {
        assertRefused(flipped("fashion_mnist_lenet_kotlindl.json", 284, 0x77),
                "fashion_mnist_lenet_kotlindl.json", "has a size \"E8\" that is not a whole number");
    }

    private static final String LENET_INPUT = "\\[\\s*null,\\s*28,\\s*28,\\s*1\\s*\\]";

    /**
     * An input height of 1e30, which gson reads as an int of 1073741824, and one that fits but
     * whose flattened features do not: the permutation for them overflowed.
     */
    @Test
    void aHugeInputIsRefusedBeforeAllocating() throws IOException {
        String json = Files.readString(Fixtures.dir().resolve("fashion_mnist_lenet_kotlindl.json"))
                .replaceFirst(LENET_INPUT, "[null, 1e30, 28, 1]");
        DamagedFiles.Outcome o = withLenetWeights(json);
        assertRefused(o, "fashion_mnist_lenet_kotlindl.json", "the input shape",
                "has a size 1e30 that is not a whole number from 0 to 2147483647");
        assertThat(o.allocated()).isLessThan(64L << 20);
        json = json.replace("[null, 1e30, 28, 1]", "[null, 40000, 40000, 1]");
        o = withLenetWeights(json);
        assertRefused(o, "fashion_mnist_lenet_kotlindl.json",
                "the flattened (10000, 10000, 64) has 6,400,000,000 values");
        assertThat(o.allocated()).isLessThan(64L << 20);
    }

    /** An empty or unknown input shape: a NegativeArraySizeException, a message without the file. */
    @Test
    void anEmptyOrOpenInputShapeIsRefusedNamingTheFile() throws IOException {
        String json = Files.readString(Fixtures.dir().resolve("fashion_mnist_lenet_kotlindl.json"));
        assertRefused(withLenetWeights(json.replaceFirst(LENET_INPUT, "[]")),
                "fashion_mnist_lenet_kotlindl.json", "the input shape [] has no sizes");
        assertRefused(withLenetWeights(json.replaceFirst(LENET_INPUT, "[null, null, 28, 1]")),
                "fashion_mnist_lenet_kotlindl.json", "unknown size");
    }

    /**
     * byte 2019 ^ 0x50 of the MNIST MLP and bytes 48211 ^ 0x6f, 98619 ^ 0x53 of the
     * mini-XCEPTION: an object header claiming a huge size, for which jhdf allocated and zeroed
     * a buffer (1.3 to 3.5 GB, up to 7 s of CPU) before finding the file shorter.
     */
    @Test
    void aDamagedHeaderSizeIsNotAllocated() throws IOException {
        for (Object[] f : new Object[][] {{"mnist_mlp_kotlindl.h5", 2019, 0x50},
            {"fer2013_mini_xception_oarriaga.h5", 48211, 0x6f},
            {"fer2013_mini_xception_oarriaga.h5", 98619, 0x53}}) {
            DamagedFiles.Outcome o = flipped((String) f[0], (int) f[1], (int) f[2]);
            assertThat(DamagedFiles.problem(o, (String) f[0])).isNull();
            assertThat(o.allocated()).as("%s", o).isLessThan(64L << 20);
            assertThat(o.cpuNanos()).as("%s", o).isLessThan(500_000_000L);
        }
    }

    /** A weight whose dataspace claims more values than the file holds is refused unread. */
    @Test
    void aWeightLargerThanTheFileIsRefusedBeforeReading() throws IOException {
        byte[] h5 = DamagedFiles.read(Fixtures.dir().resolve("mnist_mlp_kotlindl.h5"));
        ByteBuffer dims = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(784).putLong(128);
        int at = indexOf(h5, dims.array());
        assertThat(at).isPositive();
        Path f = tmp.resolve("mnist_mlp_kotlindl.h5");
        for (long rows : new long[] {784_000, 1L << 40}) {
            ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putLong(at, rows);
            Files.write(f, h5);
            DamagedFiles.Outcome o = DamagedFiles.measure("rows " + rows, f, KerasImport::load);
            assertRefused(o, "mnist_mlp_kotlindl.h5", "kernel:0", rows == 784_000
                    ? "declares 100,352,000 values (382.8 MB), more than the 1.2 MB file holds"
                    : "one tensor holds at most");
            assertThat(o.allocated()).isLessThan(16L << 20);
        }
    }

    private DamagedFiles.Outcome flipped(String name, int position, int mask) throws IOException {
        byte[] b = DamagedFiles.read(Fixtures.dir().resolve(name));
        b[position] ^= (byte) mask;
        Function<Path, ?> load = besideItsPartner(name);
        Files.write(tmp.resolve(name), b);
        return DamagedFiles.measure("byte " + position, tmp.resolve(name), load);
    }

    private DamagedFiles.Outcome withLenetWeights(String json) throws IOException {
        Files.writeString(tmp.resolve("fashion_mnist_lenet_kotlindl.json"), json);
        Path weights = tmp.resolve("fashion_mnist_lenet_kotlindl_weights.h5");
        if (!Files.exists(weights)) {
            Files.copy(Fixtures.dir().resolve(weights.getFileName().toString()), weights);
        }
        return DamagedFiles.measure("edited", tmp.resolve("fashion_mnist_lenet_kotlindl.json"),
                KerasImport::load);
    }

    private static void assertRefused(DamagedFiles.Outcome o, String file, String... parts) {
        assertThat(o.error()).as("%s", o).isInstanceOf(InvalidInputException.class);
        assertThat(o.error().getMessage()).contains(file).contains(parts);
        assertThat(DamagedFiles.problem(o, file)).isNull();
    }

    /**
     * The loader for a damaged copy written to tmp under the fixture's name: a full model
     * loads alone; a file of a pair loads with its intact partner copied beside it, through the
     * JSON. Loads the intact file once first, which must keep the contract too.
     */
    private Function<Path, ?> besideItsPartner(String name) throws IOException {
        Path dir = Fixtures.dir();
        String json = name.endsWith(".json") ? name
                : name.endsWith("_weights.h5") ? name.replace("_weights.h5", ".json") : null;
        Function<Path, ?> load;
        if (json == null) {
            load = KerasImport::load;
        } else {
            String weights = json.replace(".json", "_weights.h5");
            for (String f : new String[] {json, weights}) {
                if (!Files.exists(tmp.resolve(f))) {
                    Files.copy(dir.resolve(f), tmp.resolve(f));
                }
            }
            Path config = tmp.resolve(json);
            load = p -> KerasImport.load(config);
        }
        Files.copy(dir.resolve(name), tmp.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        DamagedFiles.Outcome o = DamagedFiles.measure("intact", tmp.resolve(name), load);
        assertThat(o.error()).as("the intact %s", name).isNull();
        return load;
    }

    /** The configuration, with its weights copied beside where it will be written. */
    private String config(String stem) throws IOException {
        Path dir = Fixtures.dir();
        String json;
        if (Files.exists(dir.resolve(stem + ".json"))) {
            json = Files.readString(dir.resolve(stem + ".json"));
            Files.copy(dir.resolve(stem + "_weights.h5"), tmp.resolve(stem + "_weights.h5"));
        } else {
            try (HdfFile h = new HdfFile(dir.resolve(stem + ".h5"))) {
                json = (String) h.getAttribute("model_config").getData();
            }
            // a full-model file serves as the weights file of its own configuration
            Files.copy(dir.resolve(stem + ".h5"), tmp.resolve(stem + "_weights.h5"));
        }
        Files.writeString(tmp.resolve(stem + ".json"), json);
        assertThat(KerasImport.load(tmp.resolve(stem + ".json")).paramCount()).isPositive();
        return json;
    }

    private static final String[] HOSTILE = {"0", "-1", "-2", "1", "2", "7", "1000", "65536",
        "2147483647", "2147483648", "-2147483648", "1e30", "3.5", "null", "[]", "{}", "\"\"",
        "\"x\"", "true", "[1]", "[0, 0]", "[-1, 28]", "[null, 100000, 100000, 3]", "[3, 3, 3]",
        "\"same\"", "\"valid\"", "\"relu\"", "\"Dense\"", "\"Conv2D\"", "\"Reshape\"",
        "\"Flatten\"", "\"BatchNormalization\"", "\"DepthwiseConv2D\"", "\"SeparableConv2D\"",
        "\"Add\"", "\"MaxPooling2D\"", "\"InputLayer\"", "\"conv2d\"", "\"dense\""};
    private static final Pattern TOKEN = Pattern.compile(
            "-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|\"([^\"\\\\]|\\\\.)*\"");

    /** {@code count} seeded copies of the JSON with one number or string replaced. */
    private static Iterable<DamagedFiles.Variant> hostileValues(String json, int count, long seed) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(json);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        return DamagedFiles.generated(count, seed, r -> {
            int[] t = tokens.get(r.nextInt(tokens.size()));
            String v = HOSTILE[r.nextInt(HOSTILE.length)];
            return new DamagedFiles.Variant(json.substring(t[0], t[1]) + " at " + t[0]
                    + " -> " + v, (json.substring(0, t[0]) + v + json.substring(t[1]))
                    .getBytes(StandardCharsets.UTF_8));
        });
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
