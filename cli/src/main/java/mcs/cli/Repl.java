package mcs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import mcs.grammar.SourceText;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive mcs: JLine reads entries (line editing, history in {@code ~/.mcs_history} or
 * {@code $MCS_HISTORY}, more lines while an entry is incomplete) and one {@link Session} runs
 * them, so variables live until the REPL ends. Ctrl-C stops a running statement and returns to
 * the prompt; at the prompt it discards the line. {@code :quit} or Ctrl-D leaves.
 */
final class Repl {

    static final String SOURCE_NAME = "<repl>";
    static final String PROMPT = "mcs> ";
    static final String CONTINUATION = "...> ";

    static final String HELP = """
            REPL commands:
              :help       this help, then every builtin (help(name) tells more about one)
              :vars       the variables defined so far
              :quit       leave (Ctrl-D too)
            An entry goes on to the next line while a bracket or a string is open or after a
            trailing |. Ctrl-C stops a running statement and keeps every variable.
            """;

    private final Terminal terminal;
    private final LineReader reader;
    private final ConsoleOutput output;
    private final Session session;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    Repl(Terminal terminal, Path history, ConsoleOutput output) {
        this.terminal = terminal;
        this.output = output;
        this.session = new Session(output);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mcs")
                .parser(new ReplParser())
                .completer(new ReplCompleter(session))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, true)
                .build();
    }

    /** Runs the REPL on the process's terminal until the user leaves; returns the exit code. */
    static int start(PrintStream out, PrintStream err) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("mcs").build()) {
            boolean fancy = !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            ProgressLine progress = new ProgressLine(err, fancy, System::nanoTime,
                    terminal::getWidth);
            return new Repl(terminal, historyFile(), new ConsoleOutput(out, err, progress))
                    .loop();
        }
    }

    /** {@code $MCS_HISTORY}, else {@code ~/.mcs_history}. */
    static Path historyFile() {
        String env = System.getenv("MCS_HISTORY");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".mcs_history");
    }

    /** Reads and runs entries until {@code :quit} or end of input; returns 0. */
    int loop() {
        output.notice("mcs " + Usage.version() + ": :help for help, :quit or Ctrl-D to leave");
        Terminal.SignalHandler previous =
                terminal.handle(Terminal.Signal.INT, signal -> cancelled.set(true));
        try {
            for (String entry = read(); entry != null; entry = read()) {
                if (!entry.isBlank() && !handle(entry)) {
                    break;
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            saveHistory();
        }
        return 0;
    }

    /** The next entry, "" when Ctrl-C discarded the line, null at end of input. */
    private String read() {
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** Runs an entry or a command; false when the user asked to leave. */
    private boolean handle(String entry) {
        String text = entry.strip();
        if (!text.startsWith(":")) {
            run(entry);
            return true;
        }
        switch (text) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":help", ":h", ":?" -> {
                output.print(HELP.stripTrailing());
                run("help()");
            }
            case ":vars" -> output.print(session.variables().isEmpty() ? "(no variables yet)"
                    : String.join(", ", session.variables().keySet()));
            default -> output.error("unknown command " + text.split("\\s+")[0]
                    + " (:help lists the commands)");
        }
        return true;
    }

    /** Runs one entry; Ctrl-C while it runs cancels it. */
    void run(String code) {
        SourceText source = new SourceText(SOURCE_NAME, code);
        cancelled.set(false);
        output.begin();
        Result result;
        try {
            result = session.execute(source, cancelled::get);
        } catch (RuntimeException | Error e) {
            output.end();
            output.internalError("running " + source.name(), e);
            return;
        } finally {
            cancelled.set(false);
        }
        output.end();
        ScriptRunner.report(result, output);
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            output.notice("mcs: cannot save the history: " + e.getMessage());
        }
    }
}
