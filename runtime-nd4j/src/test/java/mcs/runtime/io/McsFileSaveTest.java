package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
