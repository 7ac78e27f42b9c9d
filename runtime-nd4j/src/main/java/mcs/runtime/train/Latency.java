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
 * Forward-pass latency of several models, measured alike so their figures compare: every model
 * is warmed up before any is timed (the first model measured would otherwise pay for compiling
 * the forward pass), then the models take turns, a few passes each, over several rounds, so a
 * burst of other work on the machine falls on all of them; each figure is the median of all of
 * a model's timed passes. The order of the turns changes from round to round (shuffled with a
 * fixed seed), so no model always sits at the same moment of a round: on a loaded machine the
 * scheduler's time slices recur at a fixed period, and a fixed order let them fall on the same
 * model in every round.
 */
public final class Latency {

    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 9;
    /** Passes per model per round: about this much time, within [MIN_PASSES, MAX_PASSES]. */
    private static final double ROUND_MILLIS = 8;
    private static final int MIN_PASSES = 2;
    private static final int MAX_PASSES = 20;
    private static final long ORDER_SEED = 17;

    private Latency() {
    }

    /** The median milliseconds of one forward pass over {@code batch} samples, per model. */
    public static double[] millis(List<Model> models, int batch, Cancellation cancel) {
        Engine.init();
        List<Network> nets = new ArrayList<>();
        for (Model m : models) {
            nets.add(Network.forInference(m, batch, false));
        }
        int[] passes = new int[nets.size()];
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int i = 0; i < nets.size(); i++) {
                cancel.check();
                double ms = time(nets.get(i));
                passes[i] = (int) Math.max(MIN_PASSES, Math.min(MAX_PASSES, ROUND_MILLIS / ms));
                for (int p = 1; p < passes[i]; p++) {
                    nets.get(i).forward(false);
                }
            }
        }
        double[][] times = new double[nets.size()][];
        for (int i = 0; i < nets.size(); i++) {
            times[i] = new double[ROUNDS * passes[i]];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            order.add(i);
        }
        Random shuffle = new Random(ORDER_SEED);
        for (int round = 0; round < ROUNDS; round++) {
            Collections.shuffle(order, shuffle);
            for (int i : order) {
                cancel.check();
                for (int p = 0; p < passes[i]; p++) {
                    times[i][round * passes[i] + p] = time(nets.get(i));
                }
            }
        }
        double[] medians = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            medians[i] = median(times[i]);
        }
        return medians;
    }

    private static double time(Network net) {
        long t0 = System.nanoTime();
        net.forward(false);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The middle value (the mean of the two middle ones for an even count); sorts a copy. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
