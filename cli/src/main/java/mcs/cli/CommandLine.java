package mcs.cli;

import java.util.Arrays;
import java.util.List;

/**
 * What the user asked {@code mcs} to do, read from its arguments.
 *
 * <p>Options come first; the first argument that is not an option names the script, and every
 * argument after it (or after {@code -e CODE}) belongs to the script, options included.
 *
 * @param mode       what to run
 * @param file       the script file for {@link Mode#FILE}, else null
 * @param code       the code for {@link Mode#CODE}, else null
 * @param scriptArgs arguments after the script or code
 * @param verbose    whether ND4J's and the native libraries' logging is shown
 * @param master     the Spark cluster sweeps run on ({@code --master spark://host:7077}), or
 *                   null to run them embedded
 */
public record CommandLine(Mode mode, String file, String code, List<String> scriptArgs,
                          boolean verbose, String master) {

    /** What to run. */
    public enum Mode {
        /** {@code mcs FILE.mcs}: run a script file. */
        FILE,
        /** {@code mcs -e CODE}: run code given on the command line. */
        CODE,
        /** {@code mcs -}: read the script from standard input. */
        STDIN,
        /** {@code mcs}: the REPL on a terminal, else the script on standard input. */
        INTERACTIVE,
        /** {@code mcs --help}. */
        HELP,
        /** {@code mcs --version}. */
        VERSION
    }

    public CommandLine {
        scriptArgs = List.copyOf(scriptArgs);
    }

    /** A mistake in the arguments: exit code 64, the message and a pointer to {@code --help}. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Reads the arguments of {@code mcs}. */
    public static CommandLine parse(String... args) throws UsageException {
        boolean verbose = false;
        String master = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            List<String> rest = Arrays.asList(args).subList(Math.min(i + 1, args.length),
                    args.length);
            switch (arg) {
                case "-h", "--help" -> {
                    return new CommandLine(Mode.HELP, null, null, List.of(), verbose, master);
                }
                case "-V", "--version" -> {
                    return new CommandLine(Mode.VERSION, null, null, List.of(), verbose,
                            master);
                }
                case "-v", "--verbose" -> verbose = true;
                case "--master" -> {
                    if (rest.isEmpty() || !rest.get(0).startsWith("spark://")) {
                        throw new UsageException("--master needs a Spark standalone master, as "
                                + "in: mcs --master spark://host:7077 sweep.mcs");
                    }
                    master = rest.get(0);
                    i++;
                }
                case "-e", "--eval" -> {
                    if (rest.isEmpty()) {
                        throw new UsageException(arg + " needs the code to run, as in: "
                                + "mcs -e 'print(params(lenet5()))'");
                    }
                    return new CommandLine(Mode.CODE, null, rest.get(0),
                            rest.subList(1, rest.size()), verbose, master);
                }
                case "-" -> {
                    return new CommandLine(Mode.STDIN, null, null, rest, verbose, master);
                }
                case "--" -> {
                    return rest.isEmpty()
                            ? new CommandLine(Mode.INTERACTIVE, null, null, List.of(), verbose,
                                    master)
                            : script(rest, verbose, master);
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    return script(Arrays.asList(args).subList(i, args.length), verbose, master);
                }
            }
        }
        return new CommandLine(Mode.INTERACTIVE, null, null, List.of(), verbose, master);
    }

    private static CommandLine script(List<String> fileAndArgs, boolean verbose,
                                      String master) {
        return new CommandLine(Mode.FILE, fileAndArgs.get(0), null,
                fileAndArgs.subList(1, fileAndArgs.size()), verbose, master);
    }
}
