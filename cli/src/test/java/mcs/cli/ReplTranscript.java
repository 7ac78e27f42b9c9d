package mcs.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * One REPL session over a dumb terminal: the keys typed go in, and what it printed comes out:
 * values on stdout, errors and notices on stderr, and the screen JLine drew (prompts, echoed
 * input, completions).
 */
record ReplTranscript(int code, String out, String err, String screen) {

    static final int COLUMNS = 100;

    /** Types {@code keys} into a fresh REPL whose history goes to {@code history}. */
    static ReplTranscript type(String keys, Path history) {
        return type(keys, history, Terminal.TYPE_DUMB);
    }

    /** As {@link #type(String, Path)}, on a terminal of the given terminfo type. */
    static ReplTranscript type(String keys, Path history, String terminalType) {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", terminalType,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
                StandardCharsets.UTF_8)) {
            terminal.setSize(new Size(COLUMNS, 24));
            PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
            ConsoleOutput output = new ConsoleOutput(
                    new PrintStream(out, true, StandardCharsets.UTF_8), errStream,
                    new ProgressLine(errStream, false, System::nanoTime, () -> 0));
            int code = new Repl(terminal, history, output).loop();
            return new ReplTranscript(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), screen.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
