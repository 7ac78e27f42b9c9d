package mcs.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void readsTheRealFashionMnistFiles() {
        assertThat(DEBIAN.resolve("train-images-idx3-ubyte.gz"))
                .as("install the data: apt-get install dataset-fashion-mnist").exists();
        Dataset d = new Datasets(Map.of(), tmp, s -> { }, PackageInstaller.NONE)
                .load("fashion-mnist", null);
        assertThat(d.train().size()).isEqualTo(60_000);
        assertThat(d.test().size()).isEqualTo(10_000);
        assertThat(d.train().sampleShape().dims()).containsExactly(1, 28, 28);
        assertThat(d.train().classes()).isEqualTo(10);
        int[] counts = new int[10];
        for (int i = 0; i < d.train().size(); i++) {
            counts[d.train().label(i)]++;
        }
        assertThat(counts).containsOnly(6000); // Fashion-MNIST is balanced
        assertThat(d.train().label(0)).isEqualTo(9); // the first training image is an ankle boot
    }

    @Test
    void readsPlainAndGzippedFilesAlike() throws IOException {
        byte[] images = idx(0x08, new int[] {2, 2, 2}, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4});
        byte[] labels = idx(0x08, new int[] {2}, new byte[] {3, 7});
        Files.write(tmp.resolve("img"), images);
        Files.write(tmp.resolve("lab"), labels);
        gzip(tmp.resolve("img.gz"), images);
        gzip(tmp.resolve("lab.gz"), labels);
        Split plain = Idx.read("train", tmp.resolve("img"), tmp.resolve("lab"));
        Split gz = Idx.read("train", tmp.resolve("img.gz"), tmp.resolve("lab.gz"));
        for (Split s : new Split[] {plain, gz}) {
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.label(1)).isEqualTo(7);
            java.nio.FloatBuffer b = java.nio.FloatBuffer.allocate(8);
            s.copyRange(0, 2, b);
            assertThat(b.get(1)).isEqualTo(1f);
            assertThat(b.get(2)).isEqualTo(0.2f);
        }
    }

    @Test
    void refusesTruncatedAndForeignFilesNamingThem() throws IOException {
        byte[] images = idx(0x08, new int[] {2, 2, 2}, new byte[8]);
        Path truncated = tmp.resolve("short");
        Files.write(truncated, Arrays.copyOf(images, images.length - 3));
        assertThatThrownBy(() -> Idx.readArray(truncated))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("short").hasMessageContaining("truncated");
        Path foreign = tmp.resolve("foreign.txt");
        Files.writeString(foreign, "hello, this is not IDX");
        assertThatThrownBy(() -> Idx.readArray(foreign)).hasMessageContaining("not an IDX file");
        Path floats = tmp.resolve("floats");
        Files.write(floats, idx(0x0D, new int[] {1}, new byte[4]));
        assertThatThrownBy(() -> Idx.readArray(floats)).hasMessageContaining("unsigned-byte");
        Path labels = tmp.resolve("labels");
        Files.write(labels, idx(0x08, new int[] {3}, new byte[3]));
        Files.write(tmp.resolve("images"), images);
        assertThatThrownBy(() -> Idx.read("train", tmp.resolve("images"), labels))
                .hasMessageContaining("2 images").hasMessageContaining("3 labels");
    }

    @Test
    void unknownDatasetAndMissingFilesAreClearErrors() {
        Datasets none = new Datasets(Map.of("MCS_DATA", tmp.toString()), tmp, s -> { },
                PackageInstaller.NONE);
        assertThatThrownBy(() -> none.load("cifar", null)).hasMessageContaining("unknown dataset")
                .hasMessageContaining("fashion-mnist");
        assertThatThrownBy(() -> none.load("fashion-mnist", tmp.resolve("nowhere")))
                .hasMessageContaining("no fashion-mnist files in");
        assertThat(none.searchPath("fashion-mnist")).containsExactly(
                tmp.resolve("fashion-mnist"), tmp, tmp.resolve(".cache/mcs/fashion-mnist"),
                DEBIAN);
    }

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt((type << 8) | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static void gzip(Path p, byte[] data) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(data);
        }
    }
}
