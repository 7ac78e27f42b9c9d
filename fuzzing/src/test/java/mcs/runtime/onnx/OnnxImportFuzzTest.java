package mcs.runtime.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mcs.fuzz.Limits;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;

/**
 * The ONNX importer on arbitrary bytes, read from a file as {@code load("x.onnx")} does: it must
 * give a model or an {@link mcs.runtime.InvalidInputException}, and a model it gives must be
 * whole enough to save. Seeds: the small fixtures, committed; {@code ./fuzz} adds the larger
 * ones from shared/fixtures/models when fuzzing.
 */
class OnnxImportFuzzTest {

    private static final Path FILE = scratch("fuzz.onnx");

    @FuzzTest(maxDuration = "60s")
    void load(byte[] data) throws Exception {
        Files.write(FILE, data);
        Limits.run(() -> {
            Model m = OnnxImport.load(FILE);
            McsFile.encode(m);
        });
    }

    /** A file in a directory of its own, deleted when the JVM exits. */
    static Path scratch(String name) {
        try {
            Path dir = Files.createTempDirectory("mcs-fuzz-");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
