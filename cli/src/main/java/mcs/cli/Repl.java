package mcs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import mcs.grammar.SourceText;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.value.Value;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive mcs: JLine reads entries (line editing, completion, colours, history in
 * {@code ~/.mcs_history} or {@code $MCS_HISTORY}, more lines while an entry is incomplete) and
 * one {@link Session} runs them, so variables live until the REPL ends or {@code :reset}.
 * Ctrl-C stops a running entry and puts every variable back as it was before it; at an empty
 * prompt a first Ctrl-C says how to leave and a second one leaves. Ctrl-D leaves too. Commands
 * starting with {@code :} are {@link ReplCommands}.
 */
final class Repl {

    static final String SOURCE_NAME = "<repl>";
    static final String PROMPT = "mcs> ";
    static final String CONTINUATION = "...> ";
    static final String EXIT_HINT = "(press Ctrl-C again to exit, or Ctrl-D; :help for help)";

    private final Terminal terminal;
    private final LineReader reader;
    private final ConsoleOutput output;
    private final ReplCommands commands;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<String> accepted = new ArrayList<>();
    private Session session;
    private boolean interruptedAtPrompt;

    Repl(Terminal terminal, Path history, ConsoleOutput output) {
        this.terminal = terminal;
        this.output = output;
        this.session = new Session(output);
        this.commands = new ReplCommands(this, output);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mcs")
                .parser(new ReplParser())
                .completer(new ReplCompleter(this::session))
                .highlighter(new ReplHighlighter(name -> session.builtins().contains(name)))
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

    /** The next entry; "" when Ctrl-C discarded the line; null at end of input or to exit. */
    private String read() {
        try {
            String entry = reader.readLine(PROMPT);
            interruptedAtPrompt = false;
            return entry;
        } catch (UserInterruptException e) {
            if (!e.getPartialLine().isBlank()) {
                interruptedAtPrompt = false;
                return "";
            }
            if (interruptedAtPrompt) {
                return null;
            }
            interruptedAtPrompt = true;
            output.notice(EXIT_HINT);
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** Runs an entry or a command; false when the user asked to leave. */
    private boolean handle(String entry) {
        if (entry.strip().startsWith(":")) {
            return commands.run(entry.strip());
        }
        run(ReplParser.withoutBlockEnd(entry));
        return true;
    }

    /** Runs one entry and remembers it for {@code :save} when it ran without error. */
    Result run(String code) {
        Result result = run(new SourceText(SOURCE_NAME, code), false);
        if (result != null && result.isOk() && !code.strip().startsWith("%")) {
            accepted.add(code.strip());
        }
        return result;
    }

    /**
     * Runs a text in the session (an entry, or a whole script for {@code :load}); Ctrl-C while
     * it runs cancels it and puts the variables back. Null after an internal error.
     */
    Result run(SourceText source, boolean script) {
        Map<String, Value> before = session.snapshot();
        cancelled.set(false);
        output.begin();
        Result result;
        try {
            result = script ? session.executeScript(source, cancelled::get)
                    : session.execute(source, cancelled::get);
        } catch (RuntimeException | Error e) {
            output.end();
            output.internalError("running " + source.name(), e);
            return null;
        } finally {
            cancelled.set(false);
        }
        output.end();
        if (result.status() == Result.Status.INTERRUPTED) {
            session.restore(before);
            output.error("interrupted: every variable is as it was before this entry");
        } else {
            ScriptRunner.report(result, output);
        }
        return result;
    }

    Session session() {
        return session;
    }

    /** A fresh session: no variables, nothing to {@code :save}. */
    void reset() {
        session = new Session(output);
        accepted.clear();
    }

    /** The entries run without error so far, for {@code :save}. */
    List<String> accepted() {
        return accepted;
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            output.notice("mcs: cannot save the history: " + e.getMessage());
        }
    }
}
