package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import org.junit.jupiter.api.Test;

/** Damaged and hostile files end in a clean InvalidInputException naming file and problem. */
class McsFileCorruptionTest {

    private static final Model SMALL = CompressedModels.deepCompressed(
            ReferenceModels.mlp("tiny", List.of(12), 10, 1), 0.8, 8, 1);
    private static final byte[] GOOD = McsFile.encode(SMALL);

    @Test
    void everyTruncationIsReported() {
        for (int len = 0; len < GOOD.length; len++) {
            byte[] cut = Arrays.copyOf(GOOD, len);
            assertThatThrownBy(() -> McsFile.decode(cut, "cut.mcz"))
                    .as("truncated to %d bytes", len)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("cut.mcz: ");
        }
        assertThatThrownBy(() -> McsFile.decode(Arrays.copyOf(GOOD, GOOD.length / 2), "f"))
                .hasMessageContaining("truncated at offset");
    }

    @Test
    void flippedBytesAreReported() {
        Random r = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            byte[] bad = GOOD.clone();
            int at = r.nextInt(bad.length);
            bad[at] ^= (byte) (1 + r.nextInt(255));
            assertThatThrownBy(() -> McsFile.decode(bad, "flip.mcz")).as("byte %d", at)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("flip.mcz: ");
        }
    }

    @Test
    void badMagicAndVersionAreNamed() {
        byte[] magic = GOOD.clone();
        magic[1] = 'X';
        assertThatThrownBy(() -> McsFile.decode(magic, "m.mcz")).hasMessage(
                "m.mcz: not an .mcz file (bad magic bytes)");
        byte[] version = GOOD.clone();
        version[4] = 9;
        assertThatThrownBy(() -> McsFile.decode(version, "v.mcz"))
                .hasMessageContaining("unsupported format version 9");
        assertThatThrownBy(() -> McsFile.decode("{\"json\": 1}".getBytes(), "j.mcz"))
                .hasMessageContaining("bad magic");
    }

    @Test
    void hostileHeadersAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("input").set(0,
                new com.google.gson.JsonPrimitive(100_000_000))))
                .hasMessageContaining("shape too large");
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("layers").get(1)
                .getAsJsonObject().addProperty("units", 2_000_000_000)))
                .hasMessageContaining("shape too large");
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("layers").get(1)
                .getAsJsonObject().addProperty("units", -3)))
                .hasMessageContaining("units must be at least 1");
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("layers").get(1)
                .getAsJsonObject().addProperty("type", "Runtime")))
                .hasMessageContaining("unknown LayerSpec type Runtime");
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("layers").get(1)
                .getAsJsonObject().addProperty("units", 13)))
                .hasMessageContaining("tensor dense1.kernel");
        assertThatThrownBy(() -> withHeader(h -> h.remove("layers")))
                .hasMessageContaining("missing layers");
        for (Object[] c : new Object[][] {{"[]", "JSON object"}, {"{", "not valid JSON"}}) {
            assertThatThrownBy(() -> McsFile.decode(container((String) c[0], blocks()), "h"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining((String) c[1]);
        }
    }

    @Test
    void aSmallFileDeclaringAHugeModelIsRefusedBeforeAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        // 784 inputs x 30,000 units: 23.9 million parameters declared in a few hundred bytes
        assertThatThrownBy(() -> withHeader(h -> h.getAsJsonArray("layers").get(1)
                .getAsJsonObject().addProperty("units", 30_000)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("23,850,010 parameters")
                .hasMessageContaining("decompression bomb");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated").isLessThan(16L << 20);
    }

    @Test
    void tensorCountsMustMatchTheLayers() {
        List<byte[]> fewer = blocks();
        fewer.remove(fewer.size() - 1);
        assertThatThrownBy(() -> McsFile.decode(container(Header.of(SMALL).toJson(), fewer),
                "c.mcz")).hasMessageContaining("counts inconsistent");
        List<byte[]> swapped = blocks();
        swapped.set(0, blocks().get(1));
        assertThatThrownBy(() -> McsFile.decode(container(Header.of(SMALL).toJson(), swapped),
                "c.mcz")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tensor dense1.kernel");
    }

    @Test
    void notANumberWeightsAreRefusedOnLoadAndSave() {
        Tensor bias = SMALL.tensor("dense2.bias");
        float[] v = bias.values();
        v[3] = Float.NaN;
        Tensor nan = Tensor.of(bias.name(), TensorRole.BIAS, bias.shape(), v);
        List<byte[]> blocks = blocks();
        int i = new ArrayList<>(SMALL.tensors()).indexOf(bias);
        blocks.set(i, TensorCodec.encode(nan));
        assertThatThrownBy(() -> McsFile.decode(container(Header.of(SMALL).toJson(), blocks),
                "n.mcz")).hasMessageContaining("dense2.bias").hasMessageContaining("NaN");
        assertThatThrownBy(() -> McsFile.encode(SMALL.withTensors(List.of(nan))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
    }

    private static Model withHeader(java.util.function.Consumer<JsonObject> change) {
        JsonObject h = JsonParser.parseString(Header.of(SMALL).toJson()).getAsJsonObject();
        change.accept(h);
        return McsFile.decode(container(h.toString(), blocks()), "hostile.mcz");
    }

    private static List<byte[]> blocks() {
        return new ArrayList<>(Container.parse(GOOD, "good", McsFile.VERSION).blocks());
    }

    /** A well-formed container (right checksum) around any header and blocks. */
    private static byte[] container(String json, List<byte[]> blocks) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(9, true);
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = d.deflate(buf);
        d.end();
        return new Container(McsFile.VERSION, Arrays.copyOf(buf, n), raw.length, blocks).write();
    }

    @Test
    void theGoodFileIsGood() {
        assertThat(McsFile.decode(GOOD, "good").paramCount()).isEqualTo(SMALL.paramCount());
    }
}
