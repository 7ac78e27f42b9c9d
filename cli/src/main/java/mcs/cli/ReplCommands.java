package mcs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.Members;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.builtin.HelpText;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.value.Value;

/**
 * The REPL's {@code :} commands: {@code :help [name]}, {@code :vars}, {@code :load FILE},
 * {@code :save FILE}, {@code :reset}, {@code :time CODE}, {@code :quit}.
 */
final class ReplCommands {

    static final String HELP = """
            REPL commands:
              :help [name]     this help and every builtin; with a name, about that builtin
              :vars            the variables defined so far and their values
              :load FILE.mcs   run a script in this session (its variables stay)
              :save FILE.mcs   write the entries that ran without error to a script
              :reset           a fresh session: forget every variable
              :time CODE       run CODE and print how long it took
              :quit            leave (Ctrl-D too)
            Java (JShell, in this JVM; mcs.model("m"), mcs.value("x"), mcs.set("k", 3)):
              %java SNIPPET    run a Java snippet
              %%java           a Java block of several lines, ended by a blank line or %%
            Keys:
              Tab        complete builtins, parameters (prune(0.8, sch<Tab>), symbols
                         (schedule=<Tab>), variables, members (data.<Tab>), file names in
                         strings
              Ctrl-R     search the history (kept in ~/.mcs_history or $MCS_HISTORY)
              Enter      runs the entry; it goes on to the next line while a bracket or a
                         string is open or after a trailing |
              Ctrl-C     stop the running entry (every variable stays as it was before it);
                         at an empty prompt, twice to leave
              Ctrl-D     leave
            """;

    private static final int SHOWN = 72;

    private final Repl repl;
    private final ConsoleOutput output;

    ReplCommands(Repl repl, ConsoleOutput output) {
        this.repl = repl;
        this.output = output;
    }

    /** Runs a command line (starting with ':'); false when the user asked to leave. */
    boolean run(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String arg = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":help", ":h", ":?" -> help(arg);
            case ":vars" -> vars();
            case ":load" -> load(arg);
            case ":save" -> save(arg);
            case ":reset" -> {
                repl.reset();
                output.notice("a fresh session: no variables");
            }
            case ":time" -> time(arg);
            default -> output.error("unknown command " + name + Suggestions.didYouMean(name,
                    ReplCompleter.COMMANDS) + " (:help lists the commands)");
        }
        return true;
    }

    private void help(String topic) {
        Session session = repl.session();
        if (topic.isEmpty()) {
            output.print(HELP.stripTrailing());
            output.print(HelpText.overview(session.builtins()));
            return;
        }
        if (session.builtins().spec(topic).isPresent()) {
            output.print(HelpText.of(session.builtins().spec(topic).get()));
        } else if (session.variables().containsKey(topic)) {
            Value v = session.variables().get(topic);
            List<String> members = Members.names(v);
            output.print(topic + ": " + v.describe() + (members.isEmpty() ? ""
                    : "\n  members: " + String.join(", ", members)));
        } else if (ReplCompleter.COMMANDS.contains(topic)) {
            HELP.lines().filter(l -> l.strip().startsWith(topic)).forEach(output::print);
        } else {
            List<String> names = new ArrayList<>(session.builtins().names());
            names.addAll(session.variables().keySet());
            output.error(":help: no builtin or variable named " + topic
                    + Suggestions.didYouMean(topic, names));
        }
    }

    /** One line per variable: name, type and a one-line, shortened form of its value. */
    private void vars() {
        Map<String, Value> vars = repl.session().variables();
        if (vars.isEmpty()) {
            output.print("(no variables yet)");
            return;
        }
        int width = vars.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Value> e : vars.entrySet()) {
            String shown = e.getValue().show();
            if (shown.contains("\n") || shown.length() > SHOWN) {
                shown = e.getValue().describe();
            }
            out.append(out.isEmpty() ? "" : "\n").append(e.getKey())
                    .append(" ".repeat(width - e.getKey().length())).append("  ")
                    .append(String.format(Locale.ROOT, "%-8s", e.getValue().typeName()))
                    .append("  ").append(shown);
        }
        output.print(out.toString());
    }

    private void load(String file) {
        if (file.isEmpty()) {
            output.error(":load needs a file, as in :load scripts/quickstart.mcs");
            return;
        }
        SourceText source;
        try {
            source = ScriptSource.file(file);
        } catch (ScriptSource.Unreadable e) {
            output.error("mcs: " + e.getMessage());
            return;
        }
        Result result = repl.run(source, true);
        if (result != null && result.isOk()) {
            repl.accepted().add(source.text().strip());
        }
    }

    private void save(String file) {
        if (file.isEmpty()) {
            output.error(":save needs a file, as in :save session.mcs");
            return;
        }
        List<String> entries = repl.accepted();
        Path target = Path.of(file).toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".mcs-save-", ".tmp");
            Files.writeString(tmp, entries.isEmpty() ? "" : String.join("\n", entries) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            output.error(":save: cannot write " + file + ": " + e.getMessage());
            return;
        }
        output.notice("saved " + entries.size() + (entries.size() == 1 ? " entry" : " entries")
                + " to " + file);
    }

    private void time(String code) {
        if (code.isEmpty()) {
            output.error(":time needs code to run, as in :time accuracy(m, data)");
            return;
        }
        long start = System.nanoTime();
        repl.run(code);
        double seconds = (System.nanoTime() - start) / 1e9;
        output.print(String.format(Locale.ROOT, "time: %.3f s", seconds));
    }
}
