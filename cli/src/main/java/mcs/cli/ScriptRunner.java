package mcs.cli;

import mcs.grammar.SourceText;
import mcs.interpreter.Result;
import mcs.interpreter.Session;

/** Runs one script (a file, {@code -e} code or standard input) in a fresh session. */
final class ScriptRunner {

    private final ConsoleOutput output;

    ScriptRunner(ConsoleOutput output) {
        this.output = output;
    }

    /** Runs the script with Ctrl-C handled; returns the exit code. */
    int run(SourceText source) {
        try (Interrupts interrupts = Interrupts.install(output)) {
            return run(source, interrupts);
        }
    }

    /** Runs the script, asking {@code interrupts} whether to stop; returns the exit code. */
    int run(SourceText source, mcs.runtime.Cancellation interrupts) {
        Result result;
        output.begin();
        try {
            result = new Session(output).executeScript(source, interrupts);
        } catch (RuntimeException | Error e) {
            output.end();
            return output.internalError("running " + source.name(), e);
        }
        output.end();
        report(result, output);
        return result.exitCode();
    }

    /** Shows a result's error text; an interruption without one still says so. */
    static void report(Result result, ConsoleOutput output) {
        String text = result.errorText() == null ? "" : result.errorText();
        if (!text.isBlank()) {
            output.error(text);
        } else if (result.status() == Result.Status.INTERRUPTED) {
            output.error("interrupted");
        }
    }
}
