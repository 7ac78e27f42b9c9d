package mcs.kernel;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code mcs kernel ...}: {@code mcs kernel install [--user] [--prefix P] [--name N]} writes the
 * kernelspec; {@code mcs kernel -f FILE} (or {@code mcs kernel FILE}) runs the kernel, as
 * Jupyter does from the kernelspec.
 */
public final class KernelCommand {

    static final String HELP = """
            usage: mcs kernel install [--user] [--prefix P] [--name N]
                   mcs kernel [-f] CONNECTION_FILE

              install   write the mcs kernelspec so Jupyter offers mcs notebooks
                        (system-wide by default; --user for your own; --prefix P under P)
              -f FILE   run the kernel for a connection file (Jupyter does this)
            """;

    private KernelCommand() {
    }

    /**
     * Runs the command; {@code args} may start with {@code "kernel"}. Returns the exit code: 0
     * ok, 64 usage, 74 I/O error.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] rest = args.length > 0 && args[0].equals("kernel")
                ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (rest.length == 0) {
            err.print(HELP);
            return KernelMain.USAGE;
        }
        if (rest[0].equals("--help") || rest[0].equals("-h") || rest[0].equals("help")) {
            out.print(HELP);
            return KernelMain.OK;
        }
        if (rest[0].equals("install")) {
            return KernelInstaller.run(rest, out, err);
        }
        return KernelMain.run(rest, err);
    }
}
