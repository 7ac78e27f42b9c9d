package mcs.cli;

import java.io.PrintStream;
import mcs.interpreter.Output;
import mcs.runtime.train.ProgressListener;

/**
 * Where a session's output goes on the command line: values to stdout, announcements and
 * training progress to stderr. A half-drawn progress line is ended before anything else is
 * written, so output never lands in the middle of it.
 */
final class ConsoleOutput implements Output {

    static final int INTERNAL_ERROR = 70;

    private final PrintStream out;
    private final PrintStream err;
    private final ProgressLine progress;

    ConsoleOutput(PrintStream out, PrintStream err, ProgressLine progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    @Override
    public void print(String text) {
        progress.breakLine();
        out.println(text);
        out.flush();
    }

    @Override
    public void notice(String text) {
        progress.breakLine();
        err.println(text);
        err.flush();
    }

    @Override
    public ProgressListener progress() {
        return progress;
    }

    @Override
    public String input(String prompt) {
        progress.breakLine();
        out.flush();
        return Output.super.input(prompt);
    }

    /** Called before each statement or script runs. */
    void begin() {
        progress.begin();
    }

    /** Called after each statement or script: ends an unfinished progress line. */
    void end() {
        progress.breakLine();
        out.flush();
    }

    /** Reports an error text (a rendered diagnostic, a message) on stderr, newline-terminated. */
    void error(String text) {
        progress.breakLine();
        out.flush();
        err.print(text.endsWith("\n") ? text : text + "\n");
        err.flush();
    }

    /**
     * Reports a failure of mcs itself (not of the script) with its stack trace; returns 70.
     *
     * @param during what was going on, as in "running quickstart.mcs"
     */
    int internalError(String during, Throwable e) {
        progress.breakLine();
        out.flush();
        if (e instanceof OutOfMemoryError) {
            err.println("mcs: out of memory while " + during
                    + " (give the JVM more with MCS_HEAP and MCS_OFFHEAP, e.g. MCS_HEAP=12g)");
        } else {
            err.println("mcs: internal error while " + during
                    + " (a bug in mcs; please report it with this trace):");
        }
        e.printStackTrace(err);
        err.flush();
        return INTERNAL_ERROR;
    }
}
