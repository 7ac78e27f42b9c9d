package mcs.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.model.Model;

/**
 * Forward-pass latency of several models, measured alike so their figures compare.
 *
 * <p>Every model is warmed up before any is timed, for at least {@link #WARMUP_MILLIS} in all:
 * in a fresh JVM the forward pass keeps getting faster for a few hundred milliseconds while the
 * JIT compiles it, and a warm-up of a fixed three passes left the first model timed paying for
 * the rest (1.04, 0.90 and 0.77 ms for three copies of one network). Then the models take turns
 * one pass at a time, in an order shuffled each cycle with a fixed seed, so whatever slows the
 * machine down (a drift as compilation finishes, a burst of other work, the scheduler's time
 * slices on a loaded machine, which recur at a fixed period) falls on all of them alike. Each
 * figure is the median of a model's timed passes.
 */
public final class Latency {

    private static final double WARMUP_MILLIS = 400;
    private static final int MIN_WARMUP_CYCLES = 3;
    /** Timed cycles: about this much time in all, within [MIN_CYCLES, MAX_CYCLES]. */
    private static final double TIMED_MILLIS = 250;
    private static final int MIN_CYCLES = 15;
    private static final int MAX_CYCLES = 400;
    private static final long ORDER_SEED = 17;

    private Latency() {
    }

    /** One pass of something timed: a network's forward pass, a session's run. */
    @FunctionalInterface
    public interface Pass {
        void run();
    }

    /** The median milliseconds of one forward pass over {@code batch} samples, per model. */
    public static double[] millis(List<Model> models, int batch, Cancellation cancel) {
        TrainConfig.requireBatch(batch);
        Engine.init();
        List<Pass> passes = new ArrayList<>();
        for (Model m : models) {
            Network net = Network.forInference(m, batch, false);
            passes.add(() -> net.forward(false));
        }
        return time(passes, cancel);
    }

    /**
     * The median milliseconds of each of {@code passes}, warmed up and interleaved as the
     * class describes.
     */
    public static double[] time(List<Pass> passes, Cancellation cancel) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < passes.size(); i++) {
            order.add(i);
        }
        Random shuffle = new Random(ORDER_SEED);
        double cycleMillis = 0;
        double warmedFor = 0;
        for (int cycle = 0; cycle < MIN_WARMUP_CYCLES || warmedFor < WARMUP_MILLIS; cycle++) {
            cycleMillis = Arrays.stream(cycle(passes, order, shuffle, cancel)).sum();
            warmedFor += cycleMillis;
        }
        int cycles = (int) Math.max(MIN_CYCLES, Math.min(MAX_CYCLES, TIMED_MILLIS / cycleMillis));
        double[][] times = new double[passes.size()][cycles];
        for (int cycle = 0; cycle < cycles; cycle++) {
            double[] ms = cycle(passes, order, shuffle, cancel);
            for (int i = 0; i < ms.length; i++) {
                times[i][cycle] = ms[i];
            }
        }
        double[] medians = new double[passes.size()];
        for (int i = 0; i < passes.size(); i++) {
            medians[i] = median(times[i]);
        }
        return medians;
    }

    /** One pass of each in a freshly shuffled order: the milliseconds each took. */
    private static double[] cycle(List<Pass> passes, List<Integer> order, Random shuffle,
                                  Cancellation cancel) {
        Collections.shuffle(order, shuffle);
        double[] ms = new double[passes.size()];
        for (int i : order) {
            cancel.check();
            long t0 = System.nanoTime();
            passes.get(i).run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    /** The middle value (the mean of the two middle ones for an even count); sorts a copy. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
