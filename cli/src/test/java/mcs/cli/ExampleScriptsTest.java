package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every example under {@code scripts/} that has {@code # expect: <line>} comments and
 * checks that those lines are printed, in that order; lines that vary from run to run
 * (accuracies, latencies, report tables) are printed without an expectation between them.
 * Scripts without expectations have tests of their own (the quickstart).
 */
@Tag("slow")
class ExampleScriptsTest {

    private static final String EXPECT = "# expect: ";

    @TestFactory
    Stream<DynamicTest> examplesPrintWhatTheyExpect() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of("../scripts"))) {
            scripts = files.filter(p -> p.toString().endsWith(".mcs")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : scripts) {
            List<String> expected = Files.readAllLines(p).stream()
                    .filter(l -> l.startsWith(EXPECT))
                    .map(l -> l.substring(EXPECT.length())).toList();
            if (!expected.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(p.getFileName().toString(),
                        () -> run(p, expected)));
            }
        }
        return tests.stream();
    }

    private static void run(Path script, List<String> expected) {
        MainTest.Run r = MainTest.mcs(script.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> printed = r.out().lines().toList();
        int at = 0;
        for (String want : expected) {
            while (at < printed.size() && !printed.get(at).equals(want)) {
                at++;
            }
            assertThat(at).as("%s: expected line \"%s\" (in order) in:%n%s", script, want,
                    r.out()).isLessThan(printed.size());
            at++;
        }
    }
}
