package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.Test;

/** A failed cell's error as the frontend shows it. */
class ErrorReportTest {

    private final Session session = new Session(Output.of(System.out, System.err));

    private ErrorReport report(String code) {
        Result r = session.execute(new SourceText("cell[1]", code), Cancellation.NEVER);
        return ErrorReport.of(r);
    }

    @Test
    void aLongLineShowsOnlyAWindowAroundTheCaret() {
        ErrorReport e = report("x = " + "[".repeat(10_000) + "]".repeat(10_000));
        assertThat(e.evalue()).contains("brackets are nested more than 200 deep");
        assertThat(e.traceback()).isNotEmpty().allSatisfy(line ->
                assertThat(line.replaceAll("\u001B\\[[0-9;]*m", "").length()).isLessThan(120));
    }

    @Test
    void aTypeErrorIsLocatedWithACaret() {
        List<String> lines = report("x = \"a\" - 1").traceback().stream()
                .map(line -> line.replaceAll("\u001B\\[[0-9;]*m", "")).toList();
        assertThat(lines.get(0)).isEqualTo(
                "cell[1]:1:5: error: '-' needs numbers, got string \"a\"");
        assertThat(lines).contains("  x = \"a\" - 1", "      ^~~");
    }
}
