package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL on a real terminal: {@code mcs} runs in a tmux pane (its own tmux server), keys are
 * sent with {@code send-keys} and the screen read with {@code capture-pane}. Completes a name,
 * runs a pipeline, interrupts a long {@code train} with Ctrl-C and checks that the model it
 * was assigning to is unchanged. Skipped without tmux or the Fashion-MNIST data.
 */
class ReplTmuxTest {

    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final long TIMEOUT_MS = 60_000;

    @TempDir
    Path dir;

    private final String server = "mcs-test-" + ProcessHandle.current().pid();

    @BeforeEach
    void needsTmuxAndData() {
        Assumptions.assumeTrue(tmuxWorks(), "tmux is not installed");
        Assumptions.assumeTrue(Files.isDirectory(DATA) || System.getenv("MCS_DATA") != null,
                "no Fashion-MNIST data");
    }

    @AfterEach
    void stopTmux() throws Exception {
        tmux("kill-server");
    }

    @Test
    void completeRunInterruptAndContinue() throws Exception {
        start();
        waitFor("the first prompt", s -> s.contains(Repl.PROMPT.strip()));
        keys("m = lenet3", "Tab");
        waitFor("lenet3 completed", s -> s.contains("m = lenet300"));
        assertThat(screen()).doesNotContain("m = lenet300 ");
        keys("()", "Enter", "s = m | prune(0.5)", "Enter", "s.sparsity", "Enter");
        waitFor("the pipeline's result", s -> s.contains("\n0.5"));
        keys("d = dataset(\"fashion-mnist\")", "Enter",
                "m = m | train(d, epochs=50)", "Enter");
        waitFor("a progress bar with an ETA", s -> s.contains("train  epoch 1/50 [")
                && s.matches("(?s).*ETA \\d+:\\d\\d  loss \\d\\.\\d{4}  acc \\d.*"));
        long pressed = System.nanoTime();
        keys("C-c");
        String screen = waitFor("the interruption", s -> s.contains("interrupted: every"));
        long millis = (System.nanoTime() - pressed) / 1_000_000;
        System.out.println("Ctrl-C to the prompt: " + millis + " ms");
        assertThat(millis).as("Ctrl-C to the REPL saying so, ms").isLessThan(5_000);
        keys("m.history", "Enter", "print(\"after\", s.sparsity)", "Enter");
        screen = waitFor("the model as it was", s -> s.contains("after 0.5"));
        assertThat(screen).contains("m.history\n[]\n");
        keys("C-d");
        waitFor("the REPL to end", s -> !sessionAlive());
    }

    private void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classpath = dir.resolve("classpath");
        Files.writeString(classpath, System.getProperty("java.class.path"));
        String command = String.join(" ", "env", "MCS_HISTORY=" + dir.resolve("history"),
                "OMP_NUM_THREADS=2", java, "-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=2g",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "-cp", "@" + classpath,
                "mcs.cli.Main");
        // "@file" is read by the java launcher only for options; give -cp's value inline
        command = command.replace("@" + classpath, "\"$(cat " + classpath + ")\"");
        tmux("new-session", "-d", "-s", "repl", "-x", "120", "-y", "40", command);
    }

    private void keys(String... keys) throws Exception {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "repl"));
        for (String k : keys) {
            args.add(k);
        }
        tmux(args.toArray(String[]::new));
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "repl", "-S", "-200");
    }

    private boolean sessionAlive() {
        try {
            return run(List.of("tmux", "-L", server, "has-session", "-t", "repl")) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls the screen until {@code done} holds; fails with the screen after a minute. */
    private String waitFor(String what, Predicate<String> done) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        String screen = "";
        while (System.currentTimeMillis() < deadline) {
            screen = sessionAlive() ? screen() : screen;
            if (done.test(screen)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited a minute for " + what + "; the screen:\n" + screen);
    }

    private String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static boolean tmuxWorks() {
        try {
            return run(List.of("tmux", "-V")) == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
