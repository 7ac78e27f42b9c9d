package mcs.interpreter;

import java.util.List;
import mcs.grammar.Diagnostic;

/**
 * How running a text ended: the status, the diagnostics found, and the text to show for them
 * (rendered diagnostics, or a stack trace for an internal error; "" when all went well).
 */
public record Result(Status status, List<Diagnostic> diagnostics, String errorText) {

    /** How a run ended; IO_ERROR is a file that could not be read or written. */
    public enum Status {
        OK, INCOMPLETE, SYNTAX_ERROR, ERROR, IO_ERROR, INTERRUPTED, INTERNAL_ERROR
    }

    public Result {
        diagnostics = List.copyOf(diagnostics);
        errorText = errorText == null ? "" : errorText;
    }

    static Result ok() {
        return new Result(Status.OK, List.of(), "");
    }

    public boolean isOk() {
        return status == Status.OK;
    }

    /** The process exit code for a script ending this way (sysexits.h). */
    public int exitCode() {
        return switch (status) {
            case OK -> 0;
            case SYNTAX_ERROR, ERROR, INCOMPLETE -> 65;
            case IO_ERROR -> 74;
            case INTERRUPTED -> 130;
            case INTERNAL_ERROR -> 70;
        };
    }
}
