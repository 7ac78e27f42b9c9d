package mcs.cli;

import java.io.PrintStream;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;

/** {@code mcs doctor}: what mcs runs on, one {@code name: value} line per fact. */
final class Doctor {

    private Doctor() {
    }

    static int run(PrintStream out, PrintStream err) {
        try {
            Engine.doctor().forEach(out::println);
            return Main.OK;
        } catch (InvalidInputException e) {
            err.println("mcs: " + e.getMessage());
            return Main.USAGE;
        } catch (RuntimeException | Error e) {
            err.println("mcs: the numeric backend does not start: " + e);
            return ConsoleOutput.INTERNAL_ERROR;
        }
    }
}
