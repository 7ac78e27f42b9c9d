package mcs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.sweep.DataRef;
import mcs.interpreter.sweep.Engines;
import mcs.interpreter.sweep.LocalCluster;
import mcs.interpreter.sweep.PointResult;
import mcs.interpreter.sweep.PointRunner;
import mcs.interpreter.sweep.SweepEngine;
import mcs.interpreter.sweep.SweepJob;
import mcs.interpreter.sweep.SweepPoint;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import mcs.runtime.data.Dataset;
import mcs.runtime.train.ProgressListener;

/**
 * The sweep engine (Spark) on a fixed sweep: LeNet-300-100 trained one epoch on Fashion-MNIST,
 * then the base and six points {@code prune(s, schedule=poly) | finetune(data, epochs=1)},
 * s = 0.5 .. 0.95, run embedded with one slot, embedded with a slot per core, and on a local
 * standalone cluster of a one-core worker per core (at least two). For each: the start-up (the
 * cluster's daemons, the engine, and a warm-up run of cheap points), points per minute, and
 * the overhead per task, the slot time not spent inside the tasks' own work (scheduling,
 * shipping the model, collecting results, and slots idle at the end). Last, a 1-epoch
 * fine-tune run directly in this JVM and the embedded-1 overhead as a share of it.
 */
final class SweepSuite implements Suite {

    static final double[] SPARSITIES = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};
    private static final int EPOCHS = 1;
    private static final int FINETUNE_RUNS = 3;
    private static final String WORKER_MEMORY = "3g";
    private static final String SETUP = """
            data = dataset("fashion-mnist")
            base = lenet300(seed=1) | train(data, epochs=1)
            """;

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public boolean comparable() {
        return false;
    }

    @Override
    public void run(Consumer<Measure> report) throws IOException, InterruptedException {
        progress("training lenet300 on fashion-mnist, 1 epoch (the base)");
        Session session = new Session(Output.of(s -> { }, s -> { }, ProgressListener.NONE));
        execute(session, SETUP);
        ModelValue base = (ModelValue) session.variables().get("base");
        DatasetValue data = (DatasetValue) session.variables().get("data");
        DataRef ref = DataRef.of(data.dataset(),
                DataRef.defaultValidation(data.dataset().train().size()));
        SweepJob job = SweepJob.of(base.model(), ref);
        PointRunner.offer(ref, data.dataset());
        List<SweepPoint> points = points();
        int cores = Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("mcs-bench-sweep");
        try {
            double overhead = configuration("embedded-1", job, points, null, 1,
                    System.nanoTime(), report);
            configuration("embedded-N", job, points, null, cores, System.nanoTime(), report);
            int workers = Math.max(2, cores);
            Map<String, String> driver = clusterDriverSettings(workers);
            progress("starting a Spark standalone cluster: " + workers + " workers x 1 core");
            long t0 = System.nanoTime();
            try (LocalCluster cluster = LocalCluster.start(workers, 1, WORKER_MEMORY,
                    Engines.executorClassPath(), dir)) {
                progress(String.format(Locale.ROOT, "%s up in %.1f s", cluster.master(),
                        seconds(t0)));
                driver.forEach(System::setProperty);
                configuration("cluster-N", job, points, cluster, workers, t0, report);
            } finally {
                driver.keySet().forEach(System::clearProperty);
            }
            double finetune = finetuneMillis(session, ref);
            report.accept(new Measure("sweep.finetune-1-epoch", finetune, "ms"));
            report.accept(new Measure("sweep.overhead-share", overhead / finetune * 100, "%"));
        } finally {
            Engines.closeQuietly();
            deleteQuietly(dir);
        }
    }

    /** The base, then each sparsity pruned gradually and fine-tuned for one epoch. */
    static List<SweepPoint> points() {
        List<SweepPoint> points = new ArrayList<>(List.of(SweepPoint.base()));
        for (double s : SPARSITIES) {
            points.add(SweepPoint.of(points.size(), s, EPOCHS, Double.NaN, null));
        }
        return points;
    }

    /**
     * Runs the sweep on one engine (on {@code cluster}'s master when there is one, else
     * embedded with {@code slots} slots) after its start-up, which began at {@code t0}
     * ({@link System#nanoTime}), and a warm-up; reports its figures and stops it; returns the
     * overhead per task (ms).
     */
    private static double configuration(String name, SweepJob job, List<SweepPoint> points,
                                         LocalCluster cluster, int slots, long t0,
                                         Consumer<Measure> report) {
        String measure = "sweep." + name;
        try {
            SweepEngine engine = Engines.open(cluster == null ? null : cluster.master(), slots);
            progress(String.format(Locale.ROOT, "%s: %s, %d slot%s, open after %.1f s; warm-up",
                    name, engine.describe(), engine.slots(), engine.slots() == 1 ? "" : "s",
                    seconds(t0)));
            run(name, engine, job, warmUp(engine.slots()));
            report.accept(new Measure(measure + ".start-up", seconds(t0), "s"));
            long t1 = System.nanoTime();
            double taskSeconds = run(name, engine, job, points);
            double wall = seconds(t1);
            double overhead = overheadMillis(wall, engine.slots(), taskSeconds, points.size());
            report.accept(new Measure(measure, points.size() / wall * 60, "points/min"));
            report.accept(new Measure(measure + ".overhead", overhead, "ms"));
            return overhead;
        } finally {
            Engines.closeQuietly();
        }
    }

    /** One cheap point a slot: the base, and prunes without fine-tuning. */
    private static List<SweepPoint> warmUp(int slots) {
        List<SweepPoint> points = new ArrayList<>(List.of(SweepPoint.base()));
        for (int i = 1; i < slots; i++) {
            points.add(SweepPoint.of(i, SPARSITIES[0], 0, Double.NaN, null));
        }
        return points;
    }

    /** Runs {@code points}, showing each as it finishes; the seconds the tasks spent. */
    private static double run(String name, SweepEngine engine, SweepJob job,
                              List<SweepPoint> points) {
        double[] taskSeconds = new double[1];
        int[] done = new int[1];
        engine.run(job, points, r -> {
            if (!r.ok()) {
                throw new IllegalStateException(name + ": " + r.point().label() + " failed: "
                        + r.error());
            }
            taskSeconds[0] += r.seconds();
            done[0]++;
            progress(String.format(Locale.ROOT, "%s: %d/%d %s: %.2f s, test %.2f%%", name,
                    done[0], points.size(), r.point().label(), r.seconds(), r.accuracy() * 100));
        }, Cancellation.NEVER);
        return taskSeconds[0];
    }

    /**
     * The overhead per task (ms): the slot time of a run, {@code wall} seconds on
     * {@code slots} slots, less the {@code taskSeconds} the tasks spent on their points, over
     * the {@code points} run.
     */
    static double overheadMillis(double wall, int slots, double taskSeconds, int points) {
        return (wall * slots - taskSeconds) / points * 1000;
    }

    /**
     * What a driver in this JVM needs for a local cluster of {@code cores} cores: to be
     * reachable at {@link LocalCluster#HOST}, and to wait for every executor before its first
     * task (so that the start-up includes them and every executor is warmed up).
     */
    private static Map<String, String> clusterDriverSettings(int cores) {
        return Map.of("spark.driver.host", LocalCluster.HOST,
                "spark.cores.max", String.valueOf(cores),
                "spark.scheduler.minRegisteredResourcesRatio", "1.0");
    }

    /**
     * The median of {@value #FINETUNE_RUNS} one-epoch fine-tunes, in milliseconds, of the base
     * pruned to 50% as a sweep point prunes it, on the points' training samples.
     */
    private static double finetuneMillis(Session session, DataRef ref) {
        progress("fine-tuning the base at 50% sparsity directly, " + FINETUNE_RUNS + " times");
        DatasetValue data = (DatasetValue) session.variables().get("data");
        Map<String, Value> vars = Map.of("base", session.variables().get("base"),
                "data", new DatasetValue(new Dataset(data.dataset().name(),
                        ref.training(data.dataset()), data.dataset().test())));
        session.restore(vars);
        execute(session, "pruned = base | prune(0.5, schedule=poly)\n");
        double[] ms = new double[FINETUNE_RUNS];
        for (int i = 0; i < FINETUNE_RUNS; i++) {
            long t0 = System.nanoTime();
            execute(session, "tuned = pruned | finetune(data, epochs=1)\n");
            ms[i] = seconds(t0) * 1000;
            progress(String.format(Locale.ROOT, "fine-tune %d/%d: %.0f ms", i + 1, FINETUNE_RUNS,
                    ms[i]));
        }
        Arrays.sort(ms);
        return ms[FINETUNE_RUNS / 2];
    }

    private static void execute(Session session, String text) {
        Result r = session.executeScript(new SourceText("sweep bench", text), Cancellation.NEVER);
        if (!r.isOk()) {
            throw new IllegalStateException(r.errorText());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void progress(String text) {
        System.err.println("mcs bench: sweep: " + text);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it up in the end
        }
    }
}
