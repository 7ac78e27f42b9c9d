package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcripts: keys typed into the REPL over a terminal without a screen, and what it printed.
 * Values go to stdout, errors to stderr; completion is typed as Tab ({@code \t}) on a terminal
 * that understands ANSI (a dumb one has no completion), and its effect checked in the values.
 */
class ReplTest {

    @TempDir
    Path dir;

    private ReplTranscript type(String keys) {
        return ReplTranscript.type(keys, dir.resolve("history"));
    }

    private ReplTranscript typeWithCompletion(String keys) {
        return ReplTranscript.type(keys, dir.resolve("history"), "ansi");
    }

    /** The screen without ANSI control sequences. */
    private static String plain(String screen) {
        return screen.replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]", "");
    }

    @Test
    void variablesLiveFromOneEntryToTheNext() {
        ReplTranscript t = type("x = [1, 2]\nx\n:quit\nprint(\"not reached\")\n");
        assertThat(t.code()).isZero();
        assertThat(t.out()).isEqualTo("[1, 2]\n");
        assertThat(t.screen()).contains(Repl.PROMPT);
    }

    @Test
    void valuesEchoUsefully() {
        ReplTranscript t = type("lenet300()\nsummary(lenet300())\n");
        assertThat(t.out()).startsWith("lenet300: ")
                .contains("266,610 params");
        String[] table = t.out().split("\n");
        assertThat(table.length).isGreaterThan(3);
        // an aligned table: every row as wide as its header, at most
        int header = table[1].length();
        assertThat(table[2].length()).isLessThanOrEqualTo(header + 20);
        assertThat(t.err()).doesNotContain("error");
    }

    @Test
    void aPlotIsSavedAsPngAndItsPathPrinted() throws Exception {
        ReplTranscript t = type("plot(summary(lenet300()), x=\"layer\", y=\"params\", kind=bar)\n");
        assertThat(t.err()).doesNotContain("error");
        Path png = Path.of(t.out().strip());
        assertThat(png.toString()).endsWith(".png");
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.delete(png);
    }

    @Test
    void anIncompleteEntryContinuesOnTheNextLine() {
        ReplTranscript t = type("x = [1,\n2]\nm = lenet300() |\n  prune(0.5)\nx\nm.sparsity > 0\n"
                + "if m.sparsity > 0 {\n  print(\"pruned\")\n}\n1 2\n");
        assertThat(t.out()).startsWith("[1, 2]\ntrue\npruned\n");
        assertThat(t.err()).contains("<repl>:1:3: error:"); // only the last line is wrong
    }

    @Test
    void aPipelineOverSeveralLinesRuns() {
        ReplTranscript t = type("m = lenet300() |\n  prune(0.5)\nm.sparsity\n");
        assertThat(Double.parseDouble(t.out().strip())).isBetween(0.49, 0.51);
        assertThat(t.err()).doesNotContain("error");
    }

    @Test
    void errorsShowTheTypedLineAndACaret() {
        ReplTranscript t = type("y = lenett5()\nprint(\"still here\")\n");
        assertThat(t.err()).contains("<repl>:1:5: error:").contains("lenet5")
                .contains("  y = lenett5()\n      ^");
        assertThat(t.out()).isEqualTo("still here\n");
    }

    @Test
    void anErrorInTheSecondLineOfAnEntryPointsThere() {
        ReplTranscript t = type("x = prune(lenet300(),\n          1.5)\n");
        assertThat(t.err()).contains("<repl>:2:11: error: prune: sparsity must be in [0, 1)")
                .contains("            1.5)\n            ^");
    }

    @Test
    void varsListsNamesTypesAndValues() {
        ReplTranscript t = type(":vars\nx = 1\nname = \"lenet\"\n:vars\n");
        assertThat(t.out()).isEqualTo("(no variables yet)\n"
                + "x     number    1\n"
                + "name  string    lenet\n");
    }

    @Test
    void helpShowsCommandsKeysAndBuiltins() {
        ReplTranscript t = type(":help\n");
        assertThat(t.out()).startsWith("REPL commands:").contains(":load FILE.mcs")
                .contains("%%java").contains("Ctrl-R").contains("lenet5").contains("prune");
    }

    @Test
    void helpWithANameIsTheBuiltinsHelp() {
        ReplTranscript t = type(":help prune\nhelp(prune)\n:help prnue\n");
        String[] halves = t.out().split("\n(?=prune\\()");
        assertThat(halves).hasSize(2);
        assertThat(halves[0]).startsWith("prune(").contains("schedule=constant")
                .contains("constant | poly");
        assertThat(halves[0].strip()).isEqualTo(halves[1].strip());
        assertThat(t.err()).contains(":help: no builtin or variable named prnue; "
                + "did you mean prune?");
    }

    @Test
    void unknownCommandsSuggestTheNearest() {
        assertThat(type(":vras\n").err()).contains("unknown command :vras; did you mean :vars?");
    }

    @Test
    void saveWritesTheEntriesThatRanAndLoadRunsThem() throws Exception {
        Path script = dir.resolve("session.mcs");
        ReplTranscript t = type("x = [1,\n 2]\ny = nope\nk = len(x)\n:vars\n:save " + script
                + "\n");
        assertThat(Files.readString(script)).isEqualTo("x = [1,\n 2]\nk = len(x)\n");
        assertThat(t.err()).contains("saved 2 entries to " + script);
        ReplTranscript loaded = type(":load " + script + "\nk\n:reset\n:vars\n");
        assertThat(loaded.out()).isEqualTo("2\n(no variables yet)\n");
    }

    @Test
    void loadReportsErrorsWithTheFilesName() throws Exception {
        Path script = dir.resolve("bad.mcs");
        Files.writeString(script, "a = 1\nb = prune(lenet300(), 2)\n");
        ReplTranscript t = type(":load " + script + "\na\n:load no/such.mcs\n");
        assertThat(t.err()).contains(script + ":2:").contains("sparsity must be in")
                .contains("cannot read no/such.mcs: no such file");
        assertThat(t.out()).isEqualTo("1\n");
    }

    @Test
    void timePrintsTheWallTime() {
        ReplTranscript t = type(":time len([1, 2, 3])\n");
        assertThat(t.out()).matches("3\ntime: \\d+\\.\\d{3} s\n");
    }

    @Test
    void javaSnippetsAndBlocks() {
        ReplTranscript t = type("x = 20\n%java 1 + 2\n%%java\nint a = 40;\nint b = a + 2;\n"
                + "b\n%%\n%%java\nmcs.set(\"k\", 7);\n\nk\n%java int broken = \"s\";\n");
        assertThat(t.out()).isEqualTo("3\n42\n7\n");
        assertThat(t.err()).contains("%java: int broken = \"s\";")
                .contains("incompatible types");
    }

    @Test
    void commandsAndJavaAreNotSaved() throws Exception {
        Path script = dir.resolve("s.mcs");
        type("x = 1\n%java 1\n:vars\n:save " + script + "\n");
        assertThat(Files.readString(script)).isEqualTo("x = 1\n");
    }

    @Test
    void historyIsKept() throws Exception {
        type("x = 1\nprint(x)\n");
        assertThat(Files.readString(dir.resolve("history"))).contains("x = 1")
                .contains("print(x)");
    }

    @Test
    void tabCompletesParameterNamesSymbolsAndMembers() {
        ReplTranscript t = typeWithCompletion(
                "m = lenet300() | prune(0.8, sch\tpo\t)\nm.histo\t\nm.par\t\n");
        assertThat(t.out()).isEqualTo("[\"prune poly 0 -> 0.8, power 3, every 100 steps\"]\n"
                + "266610\n");
        assertThat(t.err()).doesNotContain("error");
    }

    @Test
    void tabTwiceListsTheChoices() {
        ReplTranscript t = typeWithCompletion("prune(lenet300(), 0.8, schedule=\t\tpoly)\n");
        assertThat(plain(t.screen())).contains("constant").contains("poly");
    }
}
