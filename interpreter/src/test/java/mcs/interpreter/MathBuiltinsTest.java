package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Num;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.Test;

/** The math builtins and {@code range} through the language. */
class MathBuiltinsTest {

    private final CapturingOutput out = new CapturingOutput();
    private final Session session = new Session(out);

    private Result run(String code) {
        return session.execute(new SourceText("<test>", code), Cancellation.NEVER);
    }

    /** What {@code expr} prints as an expression statement. */
    private String shown(String expr) {
        out.lines.clear();
        Result r = run(expr);
        assertThat(r.errorText()).as(expr).isEmpty();
        return String.join("\n", out.lines);
    }

    /** The message of the error {@code code} stops with. */
    private String error(String code) {
        Result r = run(code);
        assertThat(r.status()).as(code).isEqualTo(Result.Status.ERROR);
        assertThat(r.diagnostics()).as(code).hasSize(1);
        return r.diagnostics().get(0).message();
    }

    private double value(String expr) {
        assertThat(run("x = " + expr).errorText()).as(expr).isEmpty();
        return ((Num) session.variables().get("x")).value();
    }

    @Test
    void absKeepsWholeNumbersWhole() {
        assertThat(shown("abs(-3)")).isEqualTo("3");
        assertThat(shown("abs(2.5)")).isEqualTo("2.5");
        assertThat(shown("abs(0)")).isEqualTo("0");
    }

    @Test
    void roundTakesHalvesAwayFromZero() {
        assertThat(shown("round(2.5)")).isEqualTo("3");
        assertThat(shown("round(3.5)")).isEqualTo("4");
        assertThat(shown("round(-2.5)")).isEqualTo("-3");
        assertThat(shown("round(2.4)")).isEqualTo("2");
        assertThat(shown("round(-0.4)")).isEqualTo("0");
        assertThat(value("round(2.675, 2)")).isEqualTo(2.68);
        assertThat(value("round(0.125, 2)")).isEqualTo(0.13);
        assertThat(value("round(3.14159, 3)")).isEqualTo(3.142);
        assertThat(value("round(0.004, 1)")).isEqualTo(0.0);
        assertThat(value("round(1.5, 5)")).isEqualTo(1.5);
        assertThat(value("round(1e300, 2)")).isEqualTo(1e300);
        assertThat(value("round(1e-300, 400)")).isEqualTo(1e-300);
    }

    @Test
    void roundWithNegativeDigitsRoundsToTensAndHundreds() {
        assertThat(shown("round(1234.5, -2)")).isEqualTo("1200");
        assertThat(shown("round(1250, -2)")).isEqualTo("1300");
        assertThat(shown("round(431080, -3)")).isEqualTo("431000");
        assertThat(shown("round(1234, -4)")).isEqualTo("0");
        assertThat(shown("round(5678, -4)")).isEqualTo("10000");
        assertThat(shown("round(5678, -400)")).isEqualTo("0");
    }

    @Test
    void roundNeedsWholeDigits() {
        assertThat(error("round(2.5, 0.5)")).isEqualTo(
                "round: digits must be a whole number, got 0.5");
        session.restore(Map.of("inf", Num.of(Double.POSITIVE_INFINITY)));
        assertThat(error("round(inf)")).isEqualTo("round: x must be a finite number, got Inf");
    }

    @Test
    void minAndMaxOfSeveralNumbersOrOneList() {
        assertThat(shown("min(3, 1, 2)")).isEqualTo("1");
        assertThat(shown("max(3, 1, 2)")).isEqualTo("3");
        assertThat(shown("min([3, 1.5, 2])")).isEqualTo("1.5");
        assertThat(shown("max([-3, -1, -2])")).isEqualTo("-1");
        assertThat(shown("min(7)")).isEqualTo("7");
        assertThat(shown("max([7])")).isEqualTo("7");
    }

    @Test
    void minAndMaxOfStrings() {
        assertThat(shown("min(\"pear\", \"apple\", \"fig\")")).isEqualTo("apple");
        assertThat(shown("max([\"pear\", \"apple\", \"fig\"])")).isEqualTo("pear");
        assertThat(shown("min(\"b\", \"B\", \"ab\")")).isEqualTo("B");
    }

    @Test
    void minAndMaxRejectNothingMixturesAndOtherValues() {
        assertThat(error("min([])")).isEqualTo(
                "min: needs at least one value, e.g. min(1, 2) or min([1, 2])");
        assertThat(error("max()")).isEqualTo(
                "max: needs at least one value, e.g. max(1, 2) or max([1, 2])");
        assertThat(error("min(1, \"a\")")).isEqualTo(
                "min: values must be all numbers or all strings; got number 1 and string \"a\"");
        assertThat(error("max([1, 2], [3])")).isEqualTo(
                "max: compares numbers or strings, got list [1, 2]");
        Result r = run("min(1, 2, \"a\")");
        assertThat(r.errorText()).startsWith("<test>:1:11: error: min: values must be all");
    }

    @Test
    void sumOfNumbersOrOneList() {
        assertThat(shown("sum(1, 2, 3)")).isEqualTo("6");
        assertThat(shown("sum([1, 2, 3, 4])")).isEqualTo("10");
        assertThat(shown("sum([])")).isEqualTo("0");
        assertThat(shown("sum()")).isEqualTo("0");
        assertThat(shown("sum(2.5)")).isEqualTo("2.5");
        assertThat(value("sum([0.1, 0.2, 0.3])")).isEqualTo(0.6);
        assertThat(value("sum([1e100, 1, -1e100])")).isEqualTo(1.0);
    }

    @Test
    void sumAddsOnlyNumbers() {
        assertThat(error("sum([1, \"2\"])")).isEqualTo("sum: adds numbers, got string \"2\"");
        assertThat(error("sum(1, [2])")).isEqualTo("sum: adds numbers, got list [2]");
    }

    @Test
    void powSqrtAndLog() {
        assertThat(shown("pow(2, 10)")).isEqualTo("1024");
        assertThat(shown("pow(2, -1)")).isEqualTo("0.5");
        assertThat(shown("pow(9, 0.5)")).isEqualTo("3");
        assertThat(shown("sqrt(16)")).isEqualTo("4");
        assertThat(value("sqrt(2)")).isEqualTo(Math.sqrt(2));
        assertThat(value("log(1)")).isEqualTo(0.0);
        assertThat(value("log(2.718281828459045)")).isEqualTo(1.0);
        assertThat(shown("log(1000, base=10)")).isEqualTo("3");
        assertThat(value("log(1000, 10)")).isEqualTo(3.0);
        assertThat(value("log(8, 2)")).isEqualTo(3.0);
    }

    @Test
    void resultsThatAreNotFiniteNumbersAreErrors() {
        assertThat(error("pow(10, 400)")).isEqualTo("pow: the result is not a finite number");
        assertThat(error("pow(-8, 0.5)")).isEqualTo("pow: the result is not a finite number");
        assertThat(error("pow(0, -1)")).isEqualTo("pow: the result is not a finite number");
        assertThat(error("sum([1e308, 1e308])")).isEqualTo(
                "sum: the result is not a finite number");
        session.restore(Map.of("inf", Num.of(Double.POSITIVE_INFINITY)));
        assertThat(error("abs(-inf)")).isEqualTo("abs: the result is not a finite number");
        assertThat(error("max(1, inf)")).isEqualTo("max: the result is not a finite number");
    }

    @Test
    void sqrtAndLogStateTheirDomain() {
        assertThat(error("sqrt(-1)")).isEqualTo("sqrt: x must be at least 0, got -1");
        assertThat(error("log(0)")).isEqualTo("log: x must be > 0, got 0");
        assertThat(error("log(8, base=-2)")).isEqualTo("log: base must be > 0, got -2");
        assertThat(error("log(8, base=1)")).isEqualTo("log: base must not be 1");
        assertThat(error("sqrt(\"4\")")).isEqualTo("sqrt: x must be a number, got string \"4\"");
    }

    @Test
    void rangeAsInPython() {
        assertThat(shown("range(4)")).isEqualTo("[0, 1, 2, 3]");
        assertThat(shown("range(0)")).isEqualTo("[]");
        assertThat(shown("range(-3)")).isEqualTo("[]");
        assertThat(shown("range(2, 5)")).isEqualTo("[2, 3, 4]");
        assertThat(shown("range(-2, 2)")).isEqualTo("[-2, -1, 0, 1]");
        assertThat(shown("range(5, 2)")).isEqualTo("[]");
        assertThat(shown("range(0, 10, 3)")).isEqualTo("[0, 3, 6, 9]");
        assertThat(shown("range(10, 0, -3)")).isEqualTo("[10, 7, 4, 1]");
        assertThat(shown("range(0, 10, -1)")).isEqualTo("[]");
        assertThat(shown("range(6, step=2)")).isEqualTo("[0, 2, 4]");
        assertThat(shown("range(1, stop=3)")).isEqualTo("[1, 2]");
        assertThat(run("x = range(1000000)").errorText()).isEmpty();
        assertThat(((ListValue) session.variables().get("x")).size()).isEqualTo(1_000_000);
    }

    @Test
    void rangeRejectsAZeroStepFractionsAndHugeLists() {
        assertThat(error("range(0, 10, 0)")).isEqualTo("range: step must not be 0");
        assertThat(error("range(2.5)")).isEqualTo("range: n must be a whole number, got 2.5");
        assertThat(error("range(0, 1.5)")).isEqualTo(
                "range: stop must be a whole number, got 1.5");
        assertThat(error("range(1000001)")).isEqualTo(
                "range: that is 1000001 numbers; a list has at most 1000000");
        assertThat(error("range(-1000000, 1000000, 1)")).isEqualTo(
                "range: that is 2000000 numbers; a list has at most 1000000");
    }
}
