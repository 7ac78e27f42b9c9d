package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mcs.runtime.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process saving models in a loop to one file is killed (SIGKILL) at 50 seeded random
 * moments: after each kill the file is a complete encoding of the model saved last or of the
 * one being saved, bit for bit, and loads; temporaries the killed writer left are removed by
 * the next save. The child is a plain JVM on the test classpath running {@link SaveLoop}, which
 * needs no ND4J: saving is pure Java (checked on the first child's class loading log).
 */
class CrashSafeSaveTest {

    private static final int KILLS = 50;

    @TempDir
    Path dir;

    @Test
    void aKilledSaveLeavesTheOldOrTheNewFileAndTheNextSaveCleansUp() throws Exception {
        List<Model> models = SaveLoop.models();
        List<byte[]> encodings = new ArrayList<>();
        for (Model m : models) {
            byte[] e = McsFile.encode(m);
            assertThat(McsFile.encode(m)).as("the encoding is deterministic").isEqualTo(e);
            assertThat(McsFile.encode(SaveLoop.models().get(encodings.size()))).isEqualTo(e);
            encodings.add(e);
        }
        assertThat(encodings.get(0)).isNotEqualTo(encodings.get(1));
        Path target = dir.resolve("model.mcz");
        Path classLog = dir.resolve("classes.log");
        Random random = new Random(20261207);
        int old = 0, fresh = 0, leftTemporaries = 0;
        List<Path> stale = List.of();
        long started = System.nanoTime();
        for (int kill = 0; kill < KILLS; kill++) {
            Child child = new Child(target, kill == 0 ? classLog : null);
            String first = child.next(60);
            assertThat(first).as("child %d reports its first save", kill).startsWith("saved 0 ");
            // what the killed writers left is gone once the next save is done
            for (Path p : stale) {
                assertThat(p).as("after kill %d", kill).doesNotExist();
            }
            if (kill == 0) {
                String classes = Files.readString(classLog);
                assertThat(classes).contains("mcs.runtime.io.McsFile")
                        .doesNotContain("org.nd4j").doesNotContain("org.bytedeco");
            }
            Thread.sleep(random.nextInt(250));
            child.process.destroyForcibly();
            assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            String last = child.lastLine();
            int reported = Integer.parseInt(last.split(" ")[2]);
            byte[] now = Files.readAllBytes(target);
            int found = indexOf(encodings, now);
            assertThat(found).as("kill %d after '%s': the file is a complete one", kill, last)
                    .isNotNegative();
            assertThat(McsFile.load(target).paramCount()).isEqualTo(models.get(found).paramCount());
            if (found == reported) {
                old++;
            } else {
                assertThat(found).as("kill %d after '%s'", kill, last)
                        .isEqualTo((reported + 1) % models.size());
                fresh++;
            }
            stale = temporaries(target);
            leftTemporaries += stale.size();
        }
        McsFile.save(models.get(0), target);
        assertThat(temporaries(target)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(target, classLog);
        }
        System.out.printf("%d kills in %.1f s: %d left the last reported file, %d the one being"
                + " saved; %d temporaries left behind, all removed by the next save%n", KILLS,
                (System.nanoTime() - started) / 1e9, old, fresh, leftTemporaries);
        assertThat(old + fresh).isEqualTo(KILLS);
    }

    private static int indexOf(List<byte[]> encodings, byte[] bytes) {
        for (int i = 0; i < encodings.size(); i++) {
            if (Arrays.equals(encodings.get(i), bytes)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Path> temporaries(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> files = Files.list(target.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** A {@link SaveLoop} JVM and the lines it printed. */
    private static final class Child {
        final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;
        private String last;

        Child(Path target, Path classLog) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
            if (classLog != null) {
                cmd.add("-Xlog:class+load=info:file=" + classLog);
            }
            cmd.addAll(List.of(SaveLoop.class.getName(), target.toString()));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(
                        process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        lines.add(l);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "save-loop-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line, waiting up to {@code seconds}. */
        String next(int seconds) throws InterruptedException {
            String l = lines.poll(seconds, TimeUnit.SECONDS);
            if (l != null) {
                last = l;
            }
            return l;
        }

        /** Once the process is dead: the last line it printed. */
        String lastLine() throws InterruptedException {
            reader.join(10_000);
            for (String l = lines.poll(); l != null; l = lines.poll()) {
                last = l;
            }
            return last;
        }
    }
}
