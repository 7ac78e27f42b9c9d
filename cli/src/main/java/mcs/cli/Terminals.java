package mcs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Questions about the process's terminal, asked at start-up through a tiny shell command. */
final class Terminals {

    private Terminals() {
    }

    /** Whether stdin is a terminal (System.console() also needs stdout to be one). */
    static boolean stdinIsTerminal() {
        return System.console() != null || shell("test -t 0 && echo yes").equals("yes");
    }

    /** Whether progress may be redrawn in place on stderr. */
    static boolean fancy() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** The terminal's width in columns: $COLUMNS, else what stty says, else 0 (unknown). */
    static int columns() {
        String env = System.getenv("COLUMNS");
        String size = env != null ? "0 " + env.trim() : shell("stty size < /dev/tty");
        String[] rowsColumns = size.split("\\s+");
        try {
            return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** What a shell command given this process's stdin prints, trimmed; "" if it fails. */
    private static String shell(String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command)
                    .redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] printed = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(printed, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
