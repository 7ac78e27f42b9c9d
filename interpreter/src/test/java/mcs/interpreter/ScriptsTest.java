package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the example scripts in {@code scripts/} as golden scripts: they train on the real
 * Fashion-MNIST, so they are slow. The quickstart, the Deep Compression script and others have
 * tests of their own in the cli module, which check their figures (the sweep's needs Spark).
 */
@Tag("slow")
class ScriptsTest {

    private static final Set<String> OWN_TESTS = Set.of("quickstart.mcs", "deep_compression.mcs",
            "distillation.mcs", "lowrank.mcs", "mixed_precision.mcs", "sweep.mcs");

    @TestFactory
    Stream<DynamicTest> exampleScripts() throws IOException {
        Path root = Path.of("..", "scripts").toAbsolutePath().normalize();
        List<Path> scripts;
        try (Stream<Path> files = Files.list(root)) {
            scripts = files.filter(p -> p.toString().endsWith(".mcs"))
                    .filter(p -> !OWN_TESTS.contains(p.getFileName().toString())).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> GoldenScript.check(root, p)));
    }
}
