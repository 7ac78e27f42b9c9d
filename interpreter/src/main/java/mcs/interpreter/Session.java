package mcs.interpreter;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mcs.grammar.Diagnostic;
import mcs.grammar.McsSyntax;
import mcs.grammar.ParseResult;
import mcs.grammar.SourceSpan;
import mcs.grammar.SourceText;
import mcs.interpreter.jshell.JavaSnippets;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import mcs.runtime.CancelledException;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;

/**
 * A conversation with mcs: variables that live from one {@link #execute} to the next (a REPL's
 * lines, a notebook's cells, or one whole script), the builtin registry, and where output goes.
 * Not thread-safe: run one text at a time, and cancel a running one through its
 * {@link Cancellation}.
 */
public final class Session {

    private final Output output;
    private final Builtins builtins;
    private final Map<String, Value> variables = new LinkedHashMap<>();
    private final JavaSnippets java = new JavaSnippets();

    public Session(Output output) {
        this(output, StandardLibrary.builtins());
    }

    /** A session with another set of builtins (tests, embedding). */
    public Session(Output output, Builtins builtins) {
        this.output = output;
        this.builtins = builtins;
    }

    /**
     * Parses {@code source} as a REPL entry or notebook cell and runs its statements, stopping
     * at the first error. Text that more input could complete gives {@code INCOMPLETE}; syntax
     * errors run nothing.
     */
    public Result execute(SourceText source, Cancellation cancel) {
        if (JavaSnippets.isJava(source.text())) {
            return java.run(source.text(), variables, output,
                    cancel == null ? Cancellation.NEVER : cancel);
        }
        return run(source, McsSyntax.parse(source), cancel);
    }

    /**
     * Like {@link #execute}, for a whole script to which nothing will be added: an unclosed
     * bracket or a trailing {@code |} is a syntax error with its position, never INCOMPLETE.
     */
    public Result executeScript(SourceText source, Cancellation cancel) {
        return run(source, McsSyntax.parseWhole(source), cancel);
    }

    /** The session's variables, read-only (a live view). */
    public Map<String, Value> variables() {
        return Collections.unmodifiableMap(variables);
    }

    /**
     * The variables as they are now, to {@link #restore} later: the REPL takes one before each
     * line and puts it back when the line is interrupted, so an interrupted line changes
     * nothing (values are immutable, so a copy of the bindings is enough).
     */
    public Map<String, Value> snapshot() {
        return Map.copyOf(variables);
    }

    /** Makes the variables exactly those of {@code snapshot}, in the order they were defined. */
    public void restore(Map<String, Value> snapshot) {
        Map<String, Value> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : variables.entrySet()) {
            if (snapshot.containsKey(e.getKey())) {
                kept.put(e.getKey(), snapshot.get(e.getKey()));
            }
        }
        snapshot.forEach(kept::putIfAbsent);
        variables.clear();
        variables.putAll(kept);
    }

    public Builtins builtins() {
        return builtins;
    }

    /** The language's keywords, for completion and highlighting. */
    public static Set<String> keywords() {
        return Interpreter.KEYWORDS;
    }

    private Result run(SourceText source, ParseResult parsed, Cancellation cancel) {
        if (parsed instanceof ParseResult.Incomplete incomplete) {
            return new Result(Result.Status.INCOMPLETE, List.of(),
                    source.name() + ": error: incomplete input: " + incomplete.reason() + "\n");
        }
        if (parsed instanceof ParseResult.Failed failed) {
            String text = failed.diagnostics().stream().map(d -> d.render(source))
                    .collect(Collectors.joining());
            return new Result(Result.Status.SYNTAX_ERROR, failed.diagnostics(), text);
        }
        Interpreter interpreter = new Interpreter(builtins, variables, output, source,
                cancel == null ? Cancellation.NEVER : cancel);
        try {
            interpreter.run(((ParseResult.Parsed) parsed).program());
            return Result.ok();
        } catch (UserError e) {
            if (e.isIo()) {
                Diagnostic d = e.diagnostic();
                return new Result(Result.Status.IO_ERROR, List.of(d), d.render(source));
            }
            return error(source, e.diagnostic());
        } catch (InvalidInputException e) {
            return error(source, Calls.fromRuntime(null, e, where(interpreter)).diagnostic());
        } catch (CancelledException e) {
            return new Result(Result.Status.INTERRUPTED, List.of(), "interrupted\n");
        } catch (OutOfMemoryError e) {
            // what was being built is garbage now; say which limit to raise, as for a refusal
            return error(source, Diagnostic.error("out of memory (" + e.getMessage() + "): the "
                    + "heap's " + Memory.size(Memory.heapLimit()) + " and off-heap "
                    + Memory.size(Memory.offHeapLimit()) + " limits", where(interpreter),
                    "give mcs more (MCS_HEAP=12g MCS_OFFHEAP=12g ./mcs ...), or use a smaller "
                    + "model, batch or subset"));
        } catch (StackOverflowError e) {
            // the call depth limit bounds recursion, but not expressions nested inside each call
            return error(source, Diagnostic.error("the program nests calls and expressions too "
                    + "deeply", where(interpreter),
                    "make the recursion or the expressions shallower"));
        } catch (RuntimeException | LinkageError e) {
            Diagnostic d = Diagnostic.error("internal error: " + e, where(interpreter),
                    "this is a bug in mcs; please report it with the stack trace below");
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new Result(Result.Status.INTERNAL_ERROR, List.of(d),
                    d.render(source) + trace);
        }
    }

    private static Result error(SourceText source, Diagnostic d) {
        return new Result(Result.Status.ERROR, List.of(d), d.render(source));
    }

    private static SourceSpan where(Interpreter interpreter) {
        return interpreter.current() != null ? interpreter.current() : SourceSpan.at(1, 1);
    }
}
