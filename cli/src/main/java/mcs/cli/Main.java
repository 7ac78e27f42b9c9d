package mcs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import mcs.grammar.SourceText;
import mcs.interpreter.sweep.Engines;
import mcs.runtime.Engine;

/**
 * {@code mcs FILE.mcs}, {@code mcs -e CODE}, {@code mcs} (the REPL, or a script on stdin),
 * {@code mcs --help}, {@code mcs --version}, {@code mcs bench}, {@code mcs doctor}. Exit codes: 0 ok, 64 usage, 65 error in the script,
 * 70 internal error, 74 cannot read the script, 130 interrupted.
 */
public final class Main {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int IO_ERROR = 74;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Does what the arguments ask with the given streams and returns the exit code. The REPL
     * and in-place progress are used only with the process's own streams on a terminal.
     */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("kernel")) {
            Logging.configure(false);
            return mcs.kernel.KernelCommand.run(args, out, err);
        }
        if (args.length > 0 && (args[0].equals("bench") || args[0].equals("doctor"))) {
            Logging.configure(false);
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return args[0].equals("bench") ? mcs.bench.Bench.run(rest, out, err)
                    : Doctor.run(out, err);
        }
        Integer relaunched = BackendRelaunch.ifNeeded(args, err);
        if (relaunched != null) {
            return relaunched;
        }
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("mcs: " + e.getMessage());
            err.println("usage: mcs [options] [FILE.mcs | -e CODE] [args...]  (mcs --help)");
            return USAGE;
        }
        switch (command.mode()) {
            case HELP -> {
                out.print(Usage.TEXT);
                return OK;
            }
            case VERSION -> {
                out.println("mcs " + Usage.version());
                return OK;
            }
            default -> Logging.configure(command.verbose());
        }
        if (command.master() != null) {
            System.setProperty(Engines.MASTER_PROPERTY, command.master());
        }
        boolean console = in == System.in && out == System.out && err == System.err;
        if (command.mode() == CommandLine.Mode.INTERACTIVE && console
                && Terminals.stdinIsTerminal()) {
            return repl(out, err);
        }
        SourceText source;
        try {
            source = source(command, in);
        } catch (ScriptSource.Unreadable e) {
            err.println("mcs: " + e.getMessage());
            return IO_ERROR;
        }
        boolean fancy = console && Terminals.fancy();
        int columns = fancy ? Terminals.columns() : 0;
        ConsoleOutput output = new ConsoleOutput(out, err,
                new ProgressLine(err, fancy, System::nanoTime, () -> columns));
        if (!startEngine(output)) {
            return ConsoleOutput.INTERNAL_ERROR;
        }
        return new ScriptRunner(output).run(source);
    }

    private static SourceText source(CommandLine command, InputStream in)
            throws ScriptSource.Unreadable {
        return switch (command.mode()) {
            case FILE -> ScriptSource.file(command.file());
            case CODE -> new SourceText("-e", command.code());
            default -> ScriptSource.stdin(in);
        };
    }

    /** The REPL; ND4J starts with the first statement that needs it, not before the prompt. */
    private static int repl(PrintStream out, PrintStream err) {
        try {
            return Repl.start(out, err);
        } catch (IOException e) {
            err.println("mcs: cannot open the terminal: " + e.getMessage());
            return IO_ERROR;
        }
    }

    /** Starts ND4J; false (after saying why) when it cannot start. */
    private static boolean startEngine(ConsoleOutput output) {
        try {
            Engine.init();
            return true;
        } catch (RuntimeException | Error e) {
            output.internalError("starting ND4J", e);
            return false;
        }
    }
}
