package mcs.cli;

import java.util.List;
import java.util.TreeSet;
import mcs.interpreter.Session;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion in the REPL: builtins, the session's variables, keywords, REPL commands. */
final class ReplCompleter implements Completer {

    static final List<String> COMMANDS = List.of(":help", ":vars", ":quit");

    private final Session session;

    ReplCompleter(Session session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String name : names(line.word().startsWith(":"))) {
            candidates.add(new Candidate(name, name, null, null, null, null, false));
        }
    }

    /** Every name that could be meant, sorted; JLine keeps those matching the typed prefix. */
    TreeSet<String> names(boolean command) {
        TreeSet<String> names = new TreeSet<>();
        if (command) {
            names.addAll(COMMANDS);
        } else {
            names.addAll(session.builtins().names());
            names.addAll(session.variables().keySet());
            names.addAll(Session.keywords());
        }
        return names;
    }
}
