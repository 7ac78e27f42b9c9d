package mcs.runtime.onnx;

import com.code_intelligence.jazzer.junit.FuzzTest;
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

    private static final Path FILE = Limits.scratch("fuzz.onnx");

    @FuzzTest(maxDuration = "60s")
    void load(byte[] data) throws Exception {
        Files.write(FILE, data);
        Limits.run(() -> {
            Model m = OnnxImport.load(FILE);
            McsFile.encode(m);
        });
    }
}
