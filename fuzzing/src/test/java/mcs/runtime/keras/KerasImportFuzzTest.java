package mcs.runtime.keras;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mcs.fuzz.Limits;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;

/**
 * The Keras importer: {@link #h5} on arbitrary bytes as a full-model {@code .h5} file (the HDF5
 * reader, then the configuration and weights in it), {@link #json} on arbitrary text as a JSON
 * configuration, assembled with the weights of the LeNet fixture (read once) when
 * shared/fixtures/models is there, else with none. Either must give a model or an
 * {@link mcs.runtime.InvalidInputException}, and a model of up to a million parameters must
 * also encode as save would. The HDF5 fixtures are too large to commit; {@code ./fuzz} adds them
 * as seeds when fuzzing.
 */
class KerasImportFuzzTest {

    private static final Path H5 = Limits.scratch("fuzz.h5");
    private static final H5File WEIGHTS = lenetWeights();
    private static final long SAVED_PARAMS = 1_000_000;

    @FuzzTest(maxDuration = "60s")
    void h5(byte[] data) throws Exception {
        Files.write(H5, data);
        Limits.run(() -> saveSmall(KerasImport.load(H5)));
    }

    @FuzzTest(maxDuration = "60s")
    void json(byte[] data) throws Exception {
        String text = new String(data, StandardCharsets.UTF_8);
        Limits.run(() -> {
            KerasGraph g = KerasGraph.parse(text, "fuzz.json");
            Model m = KerasImport.assemble("fuzz", g, Weights.of(WEIGHTS), "fuzz.json",
                    "fuzz.json + weights.h5");
            saveSmall(m);
        });
    }

    /**
     * Encodes {@code m} as save would when it has at most {@link #SAVED_PARAMS} parameters. A
     * configuration of a few bytes can declare millions of parameters that the importer
     * initialises (correctly, within the memory bound); encoding those under instrumentation
     * takes seconds and would turn a correct large model into a timeout.
     */
    private static void saveSmall(Model m) {
        if (m.paramCount() <= SAVED_PARAMS) {
            McsFile.encode(m);
        }
    }

    private static H5File lenetWeights() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/fixtures/models/fashion_mnist_lenet_kotlindl_weights.h5");
            if (Files.isRegularFile(f)) {
                return H5File.read(f);
            }
        }
        return new H5File(Path.of("weights.h5"), null, Map.of());
    }
}
