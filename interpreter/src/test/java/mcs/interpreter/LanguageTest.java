package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import mcs.grammar.SourceText;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.Num;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The semantics of the language beyond what golden scripts show: functions across cells,
 * how deep calls may go, what an error or an interruption inside a function leaves behind.
 */
class LanguageTest {

    private final CapturingOutput out = new CapturingOutput();
    private final Session session = new Session(out);

    private Result run(String text) {
        return run("<repl>", text);
    }

    private Result run(String name, String text) {
        return session.execute(new SourceText(name, text), Cancellation.NEVER);
    }

    @Test
    void recursionJustBelowTheLimitWorksAndAtItIsAnError() {
        int limit = Interpreter.MAX_CALL_DEPTH;
        assertThat(run("def down(n) { 0 if n == 0 else 1 + down(n - 1) }").isOk()).isTrue();
        assertThat(run("down(" + (limit - 1) + ")").isOk()).isTrue();
        assertThat(out.lines).containsExactly(Integer.toString(limit - 1));
        Result tooDeep = run("down(" + limit + ")");
        assertThat(tooDeep.status()).isEqualTo(Result.Status.ERROR);
        assertThat(tooDeep.errorText()).contains("calls nested more than " + limit + " deep")
                .doesNotContain("Exception").doesNotContain("at mcs.");
    }

    @Test
    void aFunctionDefinedInOneCellReportsItsErrorsFromAnotherAtTheCall() {
        assertThat(run("cell1", "def ratio(a, b) {\n  a / b\n}").isOk()).isTrue();
        Result r = run("cell2", "x = 1\ny = ratio(x, 0)");
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.errorText())
                .startsWith("cell2:2:5: error: in ratio (cell1:2:7): division by zero")
                .contains("y = ratio(x, 0)");
        assertThat(session.variables()).containsKey("x").doesNotContainKey("y");
    }

    @Test
    void anErrorInsideAFunctionLeavesTheSessionAsItWas() {
        run("total = 10\ndef spend(n) {\n  total = total - n\n  total / 0\n}");
        assertThat(run("total = spend(3)").status()).isEqualTo(Result.Status.ERROR);
        assertThat(session.variables().get("total")).isEqualTo(Num.of(10));
        assertThat(session.variables()).doesNotContainKey("n");
    }

    @Test
    void functionsAreValuesThatCanBePassedAndStored() {
        run("def twice(f, x) { f(f(x)) }\ndef inc(x) { x + 1 }\nfs = [inc]\ntwice(fs[0], 5)");
        assertThat(out.lines).containsExactly("7");
        assertThat(session.variables().get("inc")).isInstanceOf(FunctionValue.class);
        assertThat(session.variables().get("inc").show()).isEqualTo("def inc(x)");
    }

    @Test
    void expressionsInsideFunctionsDoNotPrintButPrintDoes() {
        run("def f() {\n  1 + 1\n  print(\"side\")\n  3\n}\nv = f()\nv");
        assertThat(out.lines).containsExactly("side", "3");
    }

    @Test
    void interruptingALoopInsideAFunctionStopsIt() {
        run("def spin(n) {\n  for i in range(n) { i * 2 }\n  n\n}");
        AtomicInteger checks = new AtomicInteger();
        Cancellation afterAWhile = () -> checks.incrementAndGet() > 200;
        Result r = session.execute(new SourceText("<repl>", "x = spin(100000)"), afterAWhile);
        assertThat(r.status()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(checks.get()).isLessThan(1000);
        assertThat(session.variables()).doesNotContainKey("x").doesNotContainKey("i");
    }

    @Test
    void wholeNumbersPrintAsIntegersAndOthersAsBefore() {
        run("3 * 1.0\n10 / 4\n2 ** 0.5\n1e-5 * 2");
        assertThat(out.lines).containsExactly("3", "2.5", "1.414", "2e-5");
    }
}
