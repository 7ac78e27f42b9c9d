package mcs.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import mcs.interpreter.Members;
import mcs.interpreter.Session;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.value.Value;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion in the REPL, driven by the builtins' specs and the session's variables (see
 * {@link CompletionContext} for what is completed where): {@code prune(0.8, sch} gives
 * {@code schedule=}, {@code schedule=} gives {@code constant poly}, {@code data.} gives
 * {@code train test ...}, a string gives file names. Nothing is appended to a completed word
 * (no space), so {@code lenet3<Tab>} gives {@code lenet300} ready for {@code ()}.
 */
final class ReplCompleter implements Completer {

    static final List<String> COMMANDS = List.of(":help", ":vars", ":load", ":save", ":reset",
            ":time", ":quit");

    private final Supplier<Session> session;

    ReplCompleter(Supplier<Session> session) {
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String before = line.line().substring(0, Math.min(line.cursor(), line.line().length()));
        candidates.addAll(candidates(before));
    }

    /** What may follow the text before the cursor; JLine keeps those matching the prefix. */
    List<Candidate> candidates(String before) {
        CompletionContext context = CompletionContext.of(before);
        Session s = session.get();
        List<Candidate> out = new ArrayList<>();
        switch (context.kind()) {
            case COMMAND -> COMMANDS.forEach(c -> out.add(word(c)));
            case HELP_TOPIC -> s.builtins().names().forEach(n -> out.add(word(n)));
            case FILE, PATH -> out.addAll(paths(context.prefix()));
            case MEMBER -> members(s, context.target()).forEach(m -> out.add(word(m)));
            case SYMBOL -> {
                List<String> symbols = s.builtins().symbols(context.call(), context.param());
                symbols.forEach(sym -> out.add(word(sym)));
                if (symbols.isEmpty()) {
                    out.addAll(names(s));
                } else {
                    s.variables().keySet().forEach(v -> out.add(word(v)));
                }
            }
            case ARGUMENT -> {
                out.addAll(arguments(s, context));
                out.addAll(names(s));
            }
            default -> out.addAll(names(s));
        }
        return out;
    }

    /** The named parameters of the call ({@code schedule=}) and symbols for the slot. */
    private static List<Candidate> arguments(Session s, CompletionContext context) {
        List<Candidate> out = new ArrayList<>();
        Optional<BuiltinSpec> spec = s.builtins().callable(context.call(), s.variables());
        if (spec.isEmpty()) {
            return out;
        }
        for (Param p : spec.get().params()) {
            if (!p.variadic()) {
                out.add(new Candidate(p.name() + "=", p.name() + "=", "parameter",
                        p.doc(), null, null, false));
            }
        }
        spec.get().positionalAt(context.position()).ifPresent(
                p -> p.symbols().forEach(sym -> out.add(word(sym))));
        return out;
    }

    /** Variables, builtins and keywords. */
    private static List<Candidate> names(Session s) {
        List<Candidate> out = new ArrayList<>();
        s.variables().keySet().forEach(v -> out.add(word(v)));
        new TreeSet<>(s.builtins().names()).forEach(b -> out.add(word(b)));
        ReplScanner.KEYWORDS.forEach(k -> out.add(word(k)));
        return out;
    }

    private static List<String> members(Session s, String variable) {
        Value v = s.variables().get(variable);
        return v == null ? List.of() : Members.names(v);
    }

    /** Files and directories whose path starts with {@code typed}; directories end in '/'. */
    static List<Candidate> paths(String typed) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart.startsWith("~/")
                ? System.getProperty("user.home") + dirPart.substring(1) : dirPart);
        List<Candidate> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean directory = Files.isDirectory(entry);
                String shown = directory ? name + "/" : name;
                out.add(new Candidate(dirPart + shown, shown, null, null, null, null, false));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }

    private static Candidate word(String value) {
        return new Candidate(value, value, null, null, null, null, false);
    }
}
