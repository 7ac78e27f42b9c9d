package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An error on a long line shows a bounded window of it around the caret. */
class ErrorWindowTest {

    private static String rendered(String text) {
        ParseResult.Failed failed = (ParseResult.Failed) McsSyntax.parseWhole(
                new SourceText("long.mcs", text));
        return failed.diagnostics().get(0).render(new SourceText("long.mcs", text));
    }

    @Test
    void tenThousandNestedBracketsEchoAWindowNotTheLine() {
        String text = "x = " + "[".repeat(10_000) + "]".repeat(10_000);
        String out = rendered(text);
        assertThat(out).startsWith("long.mcs:1:205: error: brackets are nested more than 200 deep");
        for (String line : out.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(2 + 3 + Diagnostic.WINDOW + 3);
        }
        List<String> lines = out.lines().toList();
        assertThat(lines.get(1)).startsWith("  ...[[[").endsWith("[[[...");
        caretUnder(lines, '[');
    }

    @Test
    void theCaretStaysUnderTheMistakeInsideTheWindow() {
        String text = "print(" + "1, ".repeat(60) + "2 3" + ", 4".repeat(60) + ")";
        List<String> lines = rendered(text).lines().toList();
        assertThat(lines.get(0)).startsWith("long.mcs:1:189: error: unexpected '3'");
        assertThat(lines.get(1)).startsWith("  ...").endsWith("...");
        assertThat(lines.get(1).length()).isEqualTo(2 + 3 + Diagnostic.WINDOW + 3);
        caretUnder(lines, '3');
    }

    @Test
    void aLineNearTheStartIsCutOnlyAtItsEnd() {
        String text = "x = (1 2" + " + 1".repeat(100) + ")";
        List<String> lines = rendered(text).lines().toList();
        assertThat(lines.get(1)).startsWith("  x = (1 2").endsWith("...");
        caretUnder(lines, '2');
    }

    @Test
    void shortLinesAreShownWhole() {
        List<String> lines = rendered("x = (1 2)").lines().toList();
        assertThat(lines.get(1)).isEqualTo("  x = (1 2)");
        assertThat(lines.get(2)).isEqualTo("         ^");
    }

    private static void caretUnder(List<String> lines, char expected) {
        int caret = lines.get(2).indexOf('^');
        assertThat(caret).isPositive();
        assertThat(lines.get(1).charAt(caret)).isEqualTo(expected);
    }
}
