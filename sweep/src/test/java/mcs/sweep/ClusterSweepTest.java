package mcs.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.sweep.Engines;
import mcs.interpreter.sweep.LocalCluster;
import mcs.interpreter.value.TableValue;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on 127.0.0.1 ({@link LocalCluster}): a master and two workers
 * of one core each, started from the Spark jars on the class path (executors run on exactly
 * this class path). A sweep goes to it through master=; one executor is killed with SIGKILL
 * while it runs a point; every point still comes back, once.
 */
@Tag("slow")
class ClusterSweepTest {

    @TempDir
    static Path dir;
    private static LocalCluster cluster;
    private static String master;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(2, 1, "3g", Engines.executorClassPath(), dir);
        master = cluster.master();
        System.setProperty("spark.driver.host", LocalCluster.HOST);
        System.setProperty("spark.executor.memory", "1500m");
    }

    @AfterAll
    static void stopCluster() {
        Engines.closeQuietly();
        System.clearProperty("spark.driver.host");
        System.clearProperty("spark.executor.memory");
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A running executor of a worker, if one runs now: the only JVM a worker starts (its
     * command line is too long for the kernel to show whole, so the class is not matched).
     */
    private static Optional<ProcessHandle> executor(Process worker) {
        return worker.descendants().filter(p -> p.info().command()
                .map(c -> c.endsWith("/bin/java")).orElse(false)).findFirst();
    }

    @Test
    void everyPointComesBackOnceThoughAnExecutorIsKilled() throws Exception {
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        Session session = new Session(Output.of(s -> { }, notices::add, ProgressListener.NONE));
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                // once a point has finished, kill the first worker's executor in its next point
                while (notices.stream().noneMatch(n -> n.startsWith("sweep: 1/"))) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                Optional<ProcessHandle> e = executor(cluster.workers().get(0));
                if (e.isPresent()) {
                    e.get().destroyForcibly();
                    killed.set(true);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        killer.setDaemon(true);
        killer.start();
        Result r = session.executeScript(new SourceText("cluster.mcs", """
                d = subset(dataset("fashion-mnist"), train=2000, test=500)
                base = mlp([32]) | train(d, epochs=1)
                r = sweep(base, d, prune=[0.2, 0.5, 0.8], cluster=[4, 16], val=300,
                          master="%s")
                """.formatted(master)), null);
        killer.interrupt();
        assertThat(r.isOk()).as(r.errorText() + notices).isTrue();
        assertThat(killed).as("an executor was killed").isTrue();
        TableValue t = (TableValue) session.variables().get("r");
        List<String> recipes = t.rows().stream().map(row -> row.get(1).text()).toList();
        assertThat(recipes).doesNotHaveDuplicates().hasSize(7);
        assertThat(t.rows()).allSatisfy(row -> assertThat(row.get(11).text()).isEqualTo("ok"));
        assertThat(notices).anyMatch(n -> n.contains("Spark ") && n.contains(master));
        assertThat(notices.stream().filter(n -> n.matches("sweep: \\d+/7 .*"))).hasSize(7);
        assertThat(executorDirs()).as("the master started an executor in place of the killed one")
                .isGreaterThanOrEqualTo(3);
    }

    /** How many executors the workers started: each has a directory app-../N in a work dir. */
    private static long executorDirs() throws IOException {
        long n = 0;
        for (int w = 1; w <= 2; w++) {
            try (var apps = Files.list(cluster.workDir(w))) {
                for (Path app : apps.toList()) {
                    try (var executors = Files.list(app)) {
                        n += executors.filter(Files::isDirectory).count();
                    }
                }
            }
        }
        return n;
    }
}
