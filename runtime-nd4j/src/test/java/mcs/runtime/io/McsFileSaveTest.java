package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McsFileSaveTest {

    @TempDir
    Path dir;

    private final Model model = ReferenceModels.mlp("m", List.of(8), 10, 1);

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("m.mcz");
        Files.writeString(file, "an older file");
        long bytes = McsFile.save(model, file);
        assertThat(Files.readAllBytes(file)).isEqualTo(McsFile.encode(model)).hasSize((int) bytes);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        Path fresh = dir.resolve("fresh.mcz");
        McsFile.save(model, fresh);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    }

    /** What a writer killed before its rename leaves: an unlocked temporary of the target. */
    @Test
    void theNextSaveRemovesStaleTemporariesAndNothingElse() throws Exception {
        Path file = dir.resolve("m.mcz");
        List<Path> stale = List.of(dir.resolve(".m.mcz.123.tmp"),
                dir.resolve(".m.mcz.18446744073709551615.tmp"));
        List<Path> others = List.of(dir.resolve(".m.mcz.backup.tmp"), dir.resolve(".m.mcz.12"),
                dir.resolve(".n.mcz.123.tmp"), dir.resolve("m.mcz.123.tmp"),
                dir.resolve(".xm.mcz.123.tmp"));
        for (Path p : concat(stale, others)) {
            Files.writeString(p, "partial");
        }
        Path live = dir.resolve(".m.mcz.77.tmp");
        try (FileChannel writer = FileChannel.open(live, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE); FileLock lock = writer.lock()) {
            McsFile.save(model, file);
            assertThat(live).as("a live writer's temporary").exists();
        }
        assertThat(McsFile.load(file).paramCount()).isEqualTo(model.paramCount());
        for (Path p : stale) {
            assertThat(p).doesNotExist();
        }
        for (Path p : others) {
            assertThat(p).exists();
        }
        McsFile.save(model, file);
        assertThat(live).as("its writer has gone").doesNotExist();
    }

    @Test
    void concurrentSavesToOneFileNeitherFailNorLeaveTemporaries() throws Exception {
        Path file = dir.resolve("m.mcz");
        List<Model> models = List.of(model, ReferenceModels.mlp("n", List.of(12), 10, 2));
        List<byte[]> encodings = List.of(McsFile.encode(models.get(0)),
                McsFile.encode(models.get(1)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Model m = models.get(t % 2);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        McsFile.save(m, file);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllBytes(file)).satisfiesAnyOf(
                b -> assertThat(b).isEqualTo(encodings.get(0)),
                b -> assertThat(b).isEqualTo(encodings.get(1)));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void ioProblemsNameTheFile() {
        Path missingDir = dir.resolve("no/such/dir/m.mcz");
        assertThatThrownBy(() -> McsFile.save(model, missingDir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot write " + missingDir);
        Path missing = dir.resolve("absent.mcz");
        assertThatThrownBy(() -> McsFile.load(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot read " + missing + ": no such file or directory");
    }

    @Test
    void aDirectoryOrAnEmptyFileIsNotAModel() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mcz"));
        assertThatThrownBy(() -> McsFile.load(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessage(empty + ": not an .mcz file (only 0 bytes)");
        assertThatThrownBy(() -> McsFile.load(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + dir);
    }
}
