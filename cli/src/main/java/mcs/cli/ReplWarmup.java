package mcs.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mcs.runtime.Engine;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A short, silent REPL session with typed entries, run once by the {@code ./mcs} launcher with
 * {@code -XX:ArchiveClassesAtExit} to record the classes the REPL needs into an AppCDS archive
 * next to the jar; later starts map them from the archive instead of loading them from the jar.
 * It also starts ND4J, so its classes are archived for the first training step. Not a part of
 * the command line: {@code java -cp mcs.jar mcs.cli.ReplWarmup}.
 */
final class ReplWarmup {

    private static final String ENTRIES = """
            x = [1, 2, 3]
            m = lenet300()
            m
            summary(m)
            data.train
            m = lenet5() |
              prune(0.5)
            help(prune)
            :help prune
            :vars
            :time len(x)
            y = lenett5()
            %java 1 + 1
            :quit
            """;

    private ReplWarmup() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true,
                StandardCharsets.UTF_8);
        Path history = Files.createTempFile("mcs-warmup-", ".history");
        try (Terminal terminal = new DumbTerminal("warmup", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(ENTRIES.getBytes(StandardCharsets.UTF_8)),
                OutputStream.nullOutputStream(), StandardCharsets.UTF_8)) {
            ConsoleOutput output = new ConsoleOutput(nowhere, nowhere,
                    new ProgressLine(nowhere, true, System::nanoTime, () -> 80));
            Repl repl = new Repl(terminal, history, output);
            ReplCompleter completer = new ReplCompleter(repl::session);
            for (String typed : new String[] {"pr", "prune(0.8, sch", "prune(0.8, schedule=",
                    "x = \"sc", ":he", "m."}) {
                completer.candidates(typed);
                new ReplHighlighter(repl.session().builtins()::contains).highlight(typed);
            }
            repl.loop();
        } finally {
            Files.deleteIfExists(history);
        }
        systemTerminal();
        Engine.init();
    }

    /** Loads the classes of a system terminal (a dumb one here, with no terminal attached). */
    private static void systemTerminal() {
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            t.getWidth();
        } catch (IOException | RuntimeException e) {
            // only the classes matter
        }
    }
}
