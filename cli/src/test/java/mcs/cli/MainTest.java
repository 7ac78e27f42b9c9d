package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mcs.grammar.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mcs} end to end, in this JVM, with captured streams (also used by other tests). */
class MainTest {

    /** What one run of {@code mcs} gave: exit code, stdout and stderr. */
    record Run(int code, String out, String err) { }

    /** Runs {@code mcs args} in this JVM with empty stdin. */
    static Run mcs(String... args) {
        return mcsWithInput("", args);
    }

    /** Runs {@code mcs args} in this JVM with {@code stdin} as standard input. */
    static Run mcsWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code = Main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void evalPrints() {
        Run r = mcs("-e", "print(\"hi\")");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aScriptErrorPointsAtTheSource() {
        Run r = mcs("-e", "x = prune(lenet5(), 1.5)");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("-e:1:")
                .contains("sparsity must be in [0, 1), got 1.5")
                .contains("  x = prune(lenet5(), 1.5)\n")
                .containsPattern("\n {22}\\^");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aModelTooLargeForTheHeapIsRefusedWithTheLimitToRaise() {
        Run r = mcs("-e", "m = sequential(dense(2000000000), input=[3])");
        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).startsWith("-e:1:5: error: sequential: the model's 8,000,000,000 "
                + "parameters would take 29.8 GB, more than the heap's")
                .contains("hint: give mcs more (MCS_HEAP=").doesNotContain("OutOfMemoryError")
                .doesNotContain("\tat ");
    }

    @Test
    void aLongLineShowsAWindowAroundTheCaret() {
        Run r = mcs("-e", "x = " + "[".repeat(10_000) + "]".repeat(10_000));
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("brackets are nested more than 200 deep");
        assertThat(r.err().lines().mapToInt(String::length).max().orElseThrow())
                .isLessThan(120);
    }

    @Test
    void anUnknownBuiltinSuggestsTheNearestName() {
        Run r = mcs("-e", "x = lenett5()");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("-e:1:5: error:").contains("lenet5");
    }

    @Test
    void aSyntaxErrorIs65() {
        Run r = mcs("-e", "x = (1");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("-e:1:");
    }

    @Test
    void anUnclosedBracketInAScriptIsAnErrorNotIncomplete() {
        Run r = mcs("-e", "x = [1, 2");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("-e:1:");
    }

    @Test
    void aMissingFileIs74() {
        Run r = mcs("no/such/file.mcs");
        assertThat(r.code()).isEqualTo(74);
        assertThat(r.err()).isEqualTo("mcs: cannot read no/such/file.mcs: no such file\n");
    }

    @Test
    void aDirectoryIs74(@TempDir Path dir) {
        Run r = mcs(dir.toString());
        assertThat(r.code()).isEqualTo(74);
        assertThat(r.err()).contains("cannot read " + dir + ": it is a directory");
    }

    @Test
    void runsAScriptFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("two.mcs");
        Files.writeString(script, "# a comment\nprint(\"one\")\nprint(\"two\")\n");
        Run r = mcs(script.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void scriptErrorsNameTheFileAndStopThere(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.mcs");
        Files.writeString(script, "print(\"ok\")\nm = lenett5()\nprint(\"never\")\n");
        Run r = mcs(script.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).isEqualTo("ok\n");
        assertThat(r.err()).startsWith(script + ":2:5: error:");
    }

    @Test
    void standardInputIsAScriptWhenItIsNotATerminal() {
        Run r = mcsWithInput("print(\"from stdin\")\n");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("from stdin\n");
        r = mcsWithInput("lenett5()\n", "-");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).startsWith("<stdin>:1:1:");
    }

    @Test
    void usageErrorsAre64() {
        Run r = mcs("--bogus");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).startsWith("mcs: unknown option --bogus\n").contains("--help");
        r = mcs("-e");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).startsWith("mcs: -e needs the code");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpShowsUsageAndExamples() {
        Run r = mcs("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("usage: mcs").contains("examples:")
                .contains("mcs -e 'print(params(lenet5()))'").contains("130 interrupted");
    }

    @Test
    void versionFallsBackToDevOutsideTheJar() {
        Run r = mcs("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("mcs dev\n");
    }

    @Test
    void aCancelledRunIs130() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ConsoleOutput output = new ConsoleOutput(new PrintStream(out, true, StandardCharsets.UTF_8),
                errStream, new ProgressLine(errStream, false, System::nanoTime, () -> 0));
        SourceText source = new SourceText("-e", "m = lenet5()\nprint(\"after\")");
        assertThat(new ScriptRunner(output).run(source, () -> true)).isEqualTo(130);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("interrupted");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("after");
    }
}
