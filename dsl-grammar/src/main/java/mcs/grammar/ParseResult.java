package mcs.grammar;

import java.util.List;
import mcs.grammar.ast.Program;

/** What parsing a text gives: a program, "needs more input", or syntax errors. */
public sealed interface ParseResult {

    /** The text parsed. */
    record Parsed(Program program) implements ParseResult { }

    /**
     * The text ends inside an open bracket, string or block, or after a trailing {@code |}: a
     * REPL asks for another line instead of reporting an error.
     */
    record Incomplete(String reason) implements ParseResult { }

    /** The text has syntax errors, first one first. */
    record Failed(List<Diagnostic> diagnostics) implements ParseResult {
        public Failed {
            diagnostics = List.copyOf(diagnostics);
        }
    }
}
