package mcs.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: a driver killed with SIGKILL in the middle of a sweep leaves the rows it
 * finished, and running the sweep again computes only the others; an interrupted sweep stops
 * within a second or two and keeps its rows too.
 */
class ResumeTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void base() {
        run(new ArrayList<>(), """
                d = subset(dataset("fashion-mnist"), train=2000, test=500)
                save(mlp([32]) | train(d, epochs=1), "%s")
                """.formatted(dir.resolve("base.mcz")), null);
    }

    private static String sweep(Path out) {
        return """
                d = subset(dataset("fashion-mnist"), train=2000, test=500)
                base = load("%s")
                r = sweep(base, d, prune=[0.2, 0.4, 0.6, 0.8], cluster=[4, 8], val=300, out="%s")
                """.formatted(dir.resolve("base.mcz"), out);
    }

    private static Result run(List<String> notices, String text, mcs.runtime.Cancellation cancel) {
        Session s = new Session(Output.of(x -> { }, notices::add, ProgressListener.NONE));
        return s.executeScript(new SourceText("t.mcs", text), cancel);
    }

    private static List<String> rows(Path out) throws Exception {
        return Files.exists(out) ? Files.readAllLines(out) : List.of();
    }

    @Test
    void aKilledDriverLosesNothingAndARerunComputesOnlyTheRest() throws Exception {
        Path out = dir.resolve("killed.jsonl");
        Path script = dir.resolve("sweep.mcs");
        Files.writeString(script, sweep(out));
        Process driver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                ScriptMain.class.getName(), script.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (rows(out).size() < 3 && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(driver.isAlive()).as(Files.readString(dir.resolve("driver.log"))).isTrue();
        driver.destroyForcibly().waitFor();
        List<String> before = rows(out);
        assertThat(before.size()).isBetween(3, 8);

        List<String> notices = new ArrayList<>();
        Result r = run(notices, sweep(out), null);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        List<String> after = rows(out);
        assertThat(after).hasSize(9);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        List<Integer> points = after.stream().map(l -> Integer.parseInt(
                l.replaceAll("^\\{\"point\":(\\d+),.*", "$1"))).sorted().toList();
        assertThat(points).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(notices).anyMatch(n -> n.startsWith("sweep: " + (9 - before.size())
                + " points (" + before.size() + " done before"));
        assertThat(notices.stream().filter(n -> n.matches("sweep: \\d+/\\d+ .*"))).hasSize(
                9 - before.size());
        try (var files = Files.list(dir.resolve("killed.models"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .allMatch(n -> n.matches("point-\\d\\.mcz")).hasSize(9);
        }
    }

    @Test
    void anInterruptedSweepStopsSoonAndKeepsItsRows() throws Exception {
        Path out = dir.resolve("interrupted.jsonl");
        AtomicLong askedAt = new AtomicLong();
        Result r = run(new ArrayList<>(), sweep(out), () -> {
            try {
                if (askedAt.get() == 0 && rows(out).size() >= 2) {
                    askedAt.set(System.nanoTime());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return askedAt.get() != 0;
        });
        long stopped = System.nanoTime();
        assertThat(r.status()).as(r.errorText()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(stopped - askedAt.get()).isLessThan(TimeUnit.SECONDS.toNanos(3));
        List<String> kept = rows(out);
        assertThat(kept.size()).isBetween(2, 8);
        List<String> notices = new ArrayList<>();
        assertThat(run(notices, sweep(out), null).isOk()).isTrue();
        assertThat(rows(out)).hasSize(9).startsWith(kept.toArray(String[]::new));
    }
}
