package mcs.interpreter.sweep;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on {@value #HOST}, as child JVMs of this one: a master and
 * workers of a few cores each, on free ports, started from a class path that holds Spark (named
 * here by class name only: this module does not depend on Spark). Each worker's SPARK_HOME holds
 * no jars of its own, so its executors run on exactly the class path the driver gives them
 * ({@link Engines#executorClassPath()}). Every daemon logs to {@code <name>.log} in the folder
 * given; worker {@code w}'s executors work in {@code work<w>} there. Closing stops them all,
 * their executors too.
 */
public final class LocalCluster implements AutoCloseable {

    /** The address the daemons listen on and a driver must be reachable at. */
    public static final String HOST = "127.0.0.1";
    private static final String MASTER = "org.apache.spark.deploy.master.Master";
    private static final String WORKER = "org.apache.spark.deploy.worker.Worker";
    private static final String SCALA_VERSION = "2.13";
    private static final String DAEMON_HEAP = "-Xmx512m";
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 10;
    private static final long POLL_MILLIS = 100;
    /** How the master's status page counts its workers. */
    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final String master;
    private final Process masterProcess;
    private final List<Process> workers;

    private LocalCluster(Path dir, String master, Process masterProcess, List<Process> workers) {
        this.dir = dir;
        this.master = master;
        this.masterProcess = masterProcess;
        this.workers = workers;
    }

    /**
     * Starts a master, waits until it is ready, then starts {@code workers} workers of
     * {@code cores} cores and {@code memory} (Spark's notation: {@code 3g}) each, all on
     * {@code classPath}, with their logs and work folders in {@code dir}, and waits until every
     * worker has registered with the master, which then starts a driver's executors at once.
     * (A driver or worker that contacts a master whose port is open but which is not serving
     * yet only tries again 5 to 20 seconds later.)
     */
    public static LocalCluster start(int workers, int cores, String memory, String classPath,
                                     Path dir) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
        int port = freePort();
        int ui = freePort();
        String url = "spark://" + HOST + ":" + port;
        Process m = daemon(dir, "master", classPath, Map.of(), MASTER, "--host", HOST,
                "--port", String.valueOf(port), "--webui-port", String.valueOf(ui));
        List<Process> started = new ArrayList<>();
        LocalCluster cluster = new LocalCluster(dir, url, m, started);
        try {
            awaitWorkers(m, ui, 0, dir);
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(dir.resolve("work" + w));
                started.add(daemon(dir, "worker" + w, classPath,
                        Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION",
                                SCALA_VERSION),
                        WORKER, "--host", HOST, "--cores", String.valueOf(cores),
                        "--memory", memory, "--work-dir", work.toString(),
                        "--webui-port", String.valueOf(freePort()), url));
            }
            awaitWorkers(m, ui, workers, dir);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** e.g. {@code spark://127.0.0.1:40123}. */
    public String master() {
        return master;
    }

    /** The worker daemons, in order: worker 1 first. */
    public List<Process> workers() {
        return Collections.unmodifiableList(workers);
    }

    /** Where worker {@code w} (from 1) keeps its applications' executor folders. */
    public Path workDir(int w) {
        return dir.resolve("work" + w);
    }

    /** Kills the workers with their executors, then the master, and waits until they end. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(masterProcess);
        List<ProcessHandle> killed = new ArrayList<>();
        for (Process p : all) {
            p.descendants().forEach(d -> {
                d.destroyForcibly();
                killed.add(d);
            });
            p.destroyForcibly();
            killed.add(p.toHandle());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        for (ProcessHandle h : killed) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // killed with SIGKILL: gone or going, nothing more to do
            }
        }
    }

    private static Process daemon(Path dir, String name, String classPath,
                                  Map<String, String> env, String main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), DAEMON_HEAP,
                "-cp", classPath, main));
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until the master's status page (served once the master serves) counts
     * {@code workers} alive workers; an error with the daemons' logs if it does not in time.
     */
    private static void awaitWorkers(Process master, int uiPort, int workers, Path dir)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(
                URI.create("http://" + HOST + ":" + uiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline && master.isAlive()) {
            try {
                Matcher alive = ALIVE.matcher(http.send(status, BodyHandlers.ofString()).body());
                if (alive.find() && Integer.parseInt(alive.group(1)) >= workers) {
                    return;
                }
            } catch (IOException notYet) {
                // not serving yet
            }
            Thread.sleep(POLL_MILLIS);
        }
        StringBuilder logs = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                logs.append('\n').append(log.getFileName()).append(":\n")
                        .append(Files.readString(log));
            }
        }
        throw new IOException("the Spark cluster did not start (" + workers + " workers "
                + "wanted):" + logs);
    }
}
