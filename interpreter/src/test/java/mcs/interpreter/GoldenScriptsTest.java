package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mcs.grammar.SourceText;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code *.mcs} under {@code src/test/resources/golden/} in a fresh session and
 * checks its printed lines against its {@code # expect:} comments and its error, if any,
 * against its {@code # error:} regex (the script must then fail with exit code 65, or the one
 * its {@code # exit:} comment gives).
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
                root.relativize(p).toString(), () -> run(root, p)));
    }

    private static void run(Path root, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        GoldenScript golden = GoldenScript.parse(text);
        CapturingOutput out = new CapturingOutput();
        Result result = new Session(out).executeScript(
                new SourceText(root.relativize(file).toString(), text), Cancellation.NEVER);
        String context = "script " + file.getFileName() + "\n--- printed:\n"
                + String.join("\n", out.lines) + "\n--- error text:\n" + result.errorText();
        if (golden.expectedError() == null) {
            assertThat(result.status()).as(context).isEqualTo(Result.Status.OK);
        } else {
            assertThat(result.exitCode()).as(context).isEqualTo(golden.expectedExit());
            assertThat(result.errorText()).as(context).containsPattern(golden.expectedError());
        }
        assertThat(out.lines).as(context).containsExactlyElementsOf(golden.expectedLines());
    }
}
