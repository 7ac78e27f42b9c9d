package mcs.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs the kernel: {@code KernelMain -f CONNECTION_FILE} or {@code KernelMain CONNECTION_FILE},
 * as a kernelspec's argv starts it. Returns when a client asks it to shut down. Exit codes: 0
 * after shutdown, 64 usage, 74 the connection file cannot be read or a port not bound.
 */
public final class KernelMain {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int IO_ERROR = 74;
    static final String USAGE_TEXT = "usage: mcs kernel [-f] CONNECTION_FILE";

    private KernelMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Starts a kernel for the connection file named in {@code args}; blocks until shutdown. */
    public static int run(String[] args, PrintStream err) {
        KernelLogging.configure();
        Path file = connectionFile(args);
        if (file == null) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(file);
        } catch (IOException e) {
            err.println("mcs kernel: cannot read " + file + ": " + e.getMessage());
            return IO_ERROR;
        } catch (ConnectionInfo.Invalid e) {
            err.println("mcs kernel: " + e.getMessage());
            return USAGE;
        }
        Kernel kernel = new Kernel(info);
        try {
            kernel.start();
        } catch (RuntimeException e) {
            err.println("mcs kernel: cannot start on " + info.ip() + ": " + e);
            return IO_ERROR;
        }
        try {
            kernel.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OK;
    }

    /** {@code -f FILE}, {@code --f=FILE}, {@code -f=FILE} or the file alone; null otherwise. */
    static Path connectionFile(String[] args) {
        if (args.length == 2 && (args[0].equals("-f") || args[0].equals("--f"))) {
            return Path.of(args[1]);
        }
        if (args.length == 1 && (args[0].startsWith("-f=") || args[0].startsWith("--f="))) {
            return Path.of(args[0].substring(args[0].indexOf('=') + 1));
        }
        if (args.length == 1 && !args[0].startsWith("-")) {
            return Path.of(args[0]);
        }
        return null;
    }
}
