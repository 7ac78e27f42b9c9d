package mcs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import mcs.grammar.Diagnostic;
import mcs.grammar.McsSyntax;
import mcs.grammar.ParseResult;
import mcs.grammar.SourceText;

/**
 * The parser on arbitrary text, as a REPL entry and as a whole script: it must give a program,
 * "incomplete" or diagnostics that render, and never throw. Seeds: the scripts in
 * {@code scripts/} and the interpreter's golden scripts (copied in by the build).
 */
class GrammarFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) throws Exception {
        SourceText source = new SourceText("fuzz.mcs", new String(data, StandardCharsets.UTF_8));
        Limits.run(() -> {
            check(source, McsSyntax.parse(source), true);
            check(source, McsSyntax.parseWhole(source), false);
        });
    }

    private static void check(SourceText source, ParseResult result, boolean mayBeIncomplete) {
        if (result instanceof ParseResult.Failed failed) {
            if (failed.diagnostics().isEmpty()) {
                throw new AssertionError("a failed parse without diagnostics");
            }
            for (Diagnostic d : failed.diagnostics()) {
                if (d.render(source).isEmpty()) {
                    throw new AssertionError("a diagnostic renders as nothing: " + d);
                }
            }
        } else if (result instanceof ParseResult.Incomplete && !mayBeIncomplete) {
            throw new AssertionError("a whole script parsed as incomplete");
        } else if (result == null) {
            throw new AssertionError("no parse result");
        }
    }
}
