package mcs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Start-up, each the median of seven fresh JVMs: to the REPL's first prompt, and to the first
 * ND4J operation's result (a JVM with the launcher's settings). The REPL runs in a 120x40
 * pseudo-terminal made by util-linux's {@code script}, as for a person, started the way a
 * person starts it: through {@code ./mcs} (with its start-up archive) when the bench was run by
 * it, else a JVM with the launcher's settings. A JVM that has not got there in a minute is
 * stopped and the suite fails.
 */
final class StartupSuite implements Suite {

    static final List<String> JVM_OPTIONS = List.of("-Xmx6g",
            "-Dorg.bytedeco.javacpp.maxbytes=6g", "-XX:+UseParallelGC",
            "-Dorg.bytedeco.javacpp.logger=slf4j", "--add-opens", "java.base/java.nio=ALL-UNNAMED");
    private static final String PROMPT = "mcs> ";
    private static final int RUNS = 7;
    private static final long TIMEOUT_MILLIS = 60_000;

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public boolean comparable() {
        return false;
    }

    @Override
    public void run(Consumer<Measure> report) throws IOException, InterruptedException {
        report.accept(median("startup.first-nd4j-op", () -> secondsUntil(
                javaCommand("mcs.bench.FirstOp"), FirstOp.READY, false)));
        if (!onClassPath("mcs.cli.Main")) {
            System.err.println("mcs bench: startup.repl-prompt needs the mcs jar (./mcs bench)");
            return;
        }
        String launcher = System.getProperty("mcs.launcher");
        List<String> repl = launcher != null && new java.io.File(launcher).canExecute()
                ? List.of(launcher) : javaCommand("mcs.cli.Main");
        report.accept(median("startup.repl-prompt", () -> secondsUntil(
                List.of("script", "-qfec", "stty cols 120 rows 40; exec " + shellQuoted(repl),
                        "/dev/null"),
                PROMPT, true)));
    }

    @FunctionalInterface
    private interface Timing {
        double seconds() throws IOException, InterruptedException;
    }

    private static Measure median(String name, Timing t) throws IOException, InterruptedException {
        double[] s = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            s[i] = t.seconds();
        }
        Arrays.sort(s);
        return new Measure(name, s[RUNS / 2], "s");
    }

    static List<String> javaCommand(String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    /** Seconds from starting {@code command} until its output contains {@code marker}. */
    private static double secondsUntil(List<String> command, String marker, boolean quit)
            throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TIMEOUT_MILLIS);
                p.destroyForcibly();
            } catch (InterruptedException e) {
                // the process ended in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            if (!waitFor(p.getInputStream(), marker)) {
                throw new IOException(String.join(" ", command) + " never printed '" + marker
                        + "'");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (quit) {
                OutputStream in = p.getOutputStream();
                in.write(":quit\n".getBytes(StandardCharsets.UTF_8));
                in.close();
            }
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            p.waitFor(20, TimeUnit.SECONDS);
            return seconds;
        } finally {
            watchdog.interrupt();
            p.destroyForcibly();
        }
    }

    private static boolean waitFor(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            seen.append((char) c);
            if (seen.indexOf(marker, Math.max(0, seen.length() - marker.length() - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String shellQuoted(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append('\'').append(w.replace("'", "'\\''"))
                    .append('\'');
        }
        return sb.toString();
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, StartupSuite.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
