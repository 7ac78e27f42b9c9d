package mcs.runtime.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.model.Model;

/**
 * Forward-pass latency of several models, measured alike so their figures compare: every model
 * is warmed up before any is timed (the first model measured would otherwise pay for compiling
 * the forward pass), then the models take turns, a few passes each, over several rounds, so a
 * burst of other work on the machine falls on all of them; each figure is the median of all of
 * a model's timed passes.
 */
public final class Latency {

    private static final int WARMUP_ROUNDS = 3;
    private static final int ROUNDS = 7;
    /** Passes per model per round: about this much time, within [MIN_PASSES, MAX_PASSES]. */
    private static final double ROUND_MILLIS = 4;
    private static final int MIN_PASSES = 2;
    private static final int MAX_PASSES = 15;

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
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < nets.size(); i++) {
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
