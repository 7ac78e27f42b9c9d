package mcs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * Findings of the fuzz targets that replaying their inputs does not show on an ordinary test
 * JVM: the stack overflows needed Jazzer's larger instrumented frames, so here the nesting is
 * made deep enough for an ordinary stack.
 */
class FindingsTest {

    private static final Output QUIET = Output.of(s -> { }, s -> { }, ProgressListener.NONE);

    @Test
    void bracketsTooDeepForTheStackAreASyntaxError() {
        String text = "x = " + "(".repeat(190) + "1" + ")".repeat(190);
        Result r = new Session(QUIET).executeScript(new SourceText("deep.mcs", text),
                Cancellation.NEVER);
        assertThat(r.status()).isIn(Result.Status.OK, Result.Status.SYNTAX_ERROR);
    }

    @Test
    void recursionThroughDeepExpressionsIsALocatedError() {
        String nested = "(".repeat(40) + "n + 1" + ")".repeat(40);
        String text = "def f(n) { f(" + nested + ") }\nf(0)";
        Result r = new Session(QUIET).executeScript(new SourceText("deep.mcs", text),
                Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.diagnostics()).allSatisfy(d -> assertThat(d.span().line()).isPositive());
    }
}
