package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code *.mcs} under {@code src/test/resources/golden/} in a fresh session and
 * checks its printed lines against its {@code # expect:} comments and its error, if any,
 * against its {@code # error:} regex (the script must then fail with exit code 65).
 */
class GoldenScriptsTest {

    @TestFactory
    Stream<DynamicTest> goldenScripts() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenScriptsTest.class.getResource("/golden").toURI());
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(root)) {
            scripts = files.filter(p -> p.toString().endsWith(".mcs")).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        return scripts.stream().map(p -> DynamicTest.dynamicTest(
                root.relativize(p).toString(), () -> GoldenScript.check(root, p)));
    }
}
