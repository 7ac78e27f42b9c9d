/**
 * The {@code mcs} command: {@link mcs.cli.Main} reads the command line
 * ({@link mcs.cli.CommandLine}), then runs a script, code given with {@code -e}, standard input,
 * or the JLine {@link mcs.cli.Repl} (its parser, completer and highlighter read the typed text
 * with the small {@link mcs.cli.ReplScanner}; {@link mcs.cli.ReplCommands} are its {@code :}
 * commands; {@link mcs.cli.ReplWarmup} is the session the launcher records an AppCDS archive
 * from). {@link mcs.cli.ConsoleOutput} shows values on stdout and
 * announcements and training progress ({@link mcs.cli.ProgressLine}) on stderr;
 * {@link mcs.cli.Interrupts} turns Ctrl-C into cancellation. Uses the interpreter's
 * {@code Session}, the grammar's {@code McsSyntax} (to tell the REPL when an entry is
 * incomplete), the runtime's {@code Engine} (start-up), JLine and SLF4J; nothing uses this
 * package.
 */
package mcs.cli;
