package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL driven through a dumb terminal with typed input. */
class ReplTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int type(String input) throws Exception {
        byte[] keys = input.getBytes(StandardCharsets.UTF_8);
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(keys), screen, StandardCharsets.UTF_8)) {
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            ConsoleOutput output = new ConsoleOutput(
                    new PrintStream(out, true, StandardCharsets.UTF_8), errStream,
                    new ProgressLine(errStream, false, System::nanoTime, () -> 0));
            return new Repl(terminal, dir.resolve("history"), output).loop();
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void variablesLiveFromOneEntryToTheNext() throws Exception {
        assertThat(type("x = [1, 2]\nx\n:quit\nprint(\"not reached\")\n")).isZero();
        assertThat(out()).isEqualTo("[1, 2]\n");
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains(Repl.PROMPT);
    }

    @Test
    void anIncompleteEntryContinuesOnTheNextLine() throws Exception {
        assertThat(type("x = [1,\n2]\nx\n")).isZero();
        assertThat(out()).isEqualTo("[1, 2]\n");
        assertThat(err()).doesNotContain("error");
        // a dumb terminal does not draw the continuation prompt; a real one shows "...> "
    }

    @Test
    void errorsShowTheTypedLineAndACaret() throws Exception {
        type("y = lenett5()\nprint(\"still here\")\n");
        assertThat(err()).contains("<repl>:1:5: error:").contains("lenet5")
                .contains("  y = lenett5()\n      ^");
        assertThat(out()).isEqualTo("still here\n");
    }

    @Test
    void commands() throws Exception {
        type(":vars\nx = 1\n:vars\n:nope\n:help\n");
        assertThat(out()).startsWith("(no variables yet)\nx\nREPL commands:")
                .contains("lenet5");
        assertThat(err()).contains("unknown command :nope");
    }

    @Test
    void historyIsKept() throws Exception {
        type("x = 1\nprint(x)\n");
        assertThat(Files.readString(dir.resolve("history"))).contains("x = 1").contains("print(x)");
    }

    @Test
    void completionKnowsBuiltinsVariablesAndCommands() throws Exception {
        type("alpha = 1\n");
        ReplCompleter completer = new ReplCompleter(sessionOf());
        assertThat(completer.names(true)).containsExactly(":help", ":quit", ":vars");
        assertThat(completer.names(false)).contains("lenet5", "prune", "for");
    }

    private static mcs.interpreter.Session sessionOf() {
        return new mcs.interpreter.Session(mcs.interpreter.Output.of(System.out, System.err));
    }
}
