package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    /** What one run of mcs printed and returned. */
    record Run(int code, String out, String err) { }

    static Run withInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    static Run mcs(String... args) {
        return withInput("", args);
    }

    @Test
    void runsCodeGivenWithDashE() {
        Run r = mcs("-e", "print(\"hi\")\nx = [1, 80%, 1e-5]\nx");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n[1, 0.8, 1e-5]\n");
    }

    @Test
    void aBadSettingExits65WithPositionLineAndCaret() {
        Run r = mcs("-e", "x = prune(lenet5(), 1.5)");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("-e:1:21: error: prune: sparsity must be in [0, 1), got 1.5\n")
                .contains("\n  x = prune(lenet5(), 1.5)\n")
                .contains("\n                      ^")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownBuiltinSuggestsTheNearestName() {
        Run r = mcs("-e", "m = lenett5()");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("-e:1:5: error:").contains("did you mean lenet5?");
    }

    @Test
    void syntaxErrorsAndUnclosedBracketsInFilesExit65(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.mcs");
        Files.writeString(script, "print(1)\nx = f(1,\n");
        Run r = mcs(script.toString());
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.out()).isEmpty(); // nothing runs when the file does not parse
        assertThat(r.err()).contains("bad.mcs:2:");
    }

    @Test
    void runsAScriptFileAndStandardInput(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("ok.mcs");
        Files.writeString(script, "# a comment\nm = lenet300()\nparams(m)\nsparsity(m | prune(50%))\n");
        Run r = mcs(script.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("266610\n0.5\n");
        Run piped = withInput("len([1, 2, 3])\n");
        assertThat(piped.code()).as(piped.err()).isZero();
        assertThat(piped.out()).isEqualTo("3\n");
    }

    @Test
    void usageErrorsExit64AndMissingFilesExit74() {
        assertThat(mcs("--bogus").code()).isEqualTo(64);
        assertThat(mcs("-e").code()).isEqualTo(64);
        Run missing = mcs("no/such/script.mcs");
        assertThat(missing.code()).isEqualTo(74);
        assertThat(missing.err()).contains("cannot read no/such/script.mcs");
    }

    @Test
    void helpAndVersion() {
        Run help = mcs("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("-e").contains("FILE.mcs");
        Run version = mcs("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("mcs ");
    }
}
