package mcs.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;
import mcs.runtime.model.PruningPlan;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.Pruning;

/** Trains a model on a dataset's train split and returns the trained copy. */
public final class Trainer {

    private static final long REPORT_NANOS = 200_000_000L;

    private Trainer() {
    }

    /**
     * Trains {@code model} on {@code data.train()}; the input is left unchanged. A pending
     * pruning plan starts from its unpruned weights and ramps masks along its schedule (its end
     * defaulting to the last step); masks already on the model are kept. Each epoch sees the
     * data in a new order drawn from the seed; the last partial batch of an epoch is dropped.
     * {@code task} labels progress ("train", "finetune").
     */
    public static Model fit(Model model, Dataset data, TrainConfig config, String task,
                            ProgressListener progress, Cancellation cancel) {
        return fit(model, data, config, task, progress, cancel, null);
    }

    /**
     * As {@link #fit(Model, Dataset, TrainConfig, String, ProgressListener, Cancellation)}, with
     * {@code extra} (or null) added to the cross-entropy loss of every batch, e.g. distillation.
     */
    public static Model fit(Model model, Dataset data, TrainConfig config, String task,
                            ProgressListener progress, Cancellation cancel, LossTerm extra) {
        Engine.init();
        Split split = data.train();
        checkFits(model, split);
        PruningPlan plan = model.plan();
        Model start = plan == null ? model : model.withTensors(plan.unpruned().values());
        int batch = Math.min(config.batch(), split.size());
        Network net = new Network(start, batch, true, config.seed());
        UpdateRule rule = new UpdateRule(config.optimizer(), config.learningRate(), net.store.size());
        int stepsPerEpoch = split.size() / batch;
        long lastStep = (long) config.epochs() * stepsPerEpoch - 1;
        int[] order = new int[split.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(config.seed());
        Progress meter = new Progress(task, config.epochs(), stepsPerEpoch, batch, progress);
        long step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, random);
            meter.startEpoch(epoch);
            for (int s = 0; s < stepsPerEpoch; s++, step++) {
                cancel.check();
                if (plan != null && plan.schedule().updatesAt(step, lastStep)) {
                    double target = plan.schedule().sparsityAt(step, lastStep);
                    updateMasks(net.store, plan, target);
                    meter.sparsity = target;
                }
                net.load(split, order, s * batch);
                net.store.toGrid();
                net.forward(true);
                double[] lc = net.lossAndGradient();
                if (extra != null) {
                    lc[0] += net.addLossTerm(extra, order, s * batch);
                }
                net.backward();
                net.store.toMasters();
                net.store.maskGradients();
                net.store.tieGradients();
                rule.step(net.store.p, net.store.g);
                net.store.maskParams();
                meter.step(s + 1, lc[0], (int) lc[1]);
            }
            meter.endEpoch();
        }
        return result(model, start, net, data, task, config);
    }

    private static void checkFits(Model model, Split split) {
        Network.requireInputShape(model, split);
        if (model.output().dim(0) < split.classes()) {
            throw new InvalidInputException(model.name() + " predicts " + model.output().dim(0)
                    + " classes but the data has " + split.classes());
        }
    }

    /** Recomputes the plan's masks from the current weights (per tensor or one global top-k). */
    private static void updateMasks(ParamStore store, PruningPlan plan, double sparsity) {
        Map<String, float[]> current = new LinkedHashMap<>();
        for (String name : plan.tensors()) {
            current.put(name, store.current(name));
        }
        Pruning.masks(plan, current, sparsity).forEach(store::setMask);
    }

    private static Model result(Model original, Model start, Network net, Dataset data,
                                String task, TrainConfig config) {
        List<Tensor> trained = new ArrayList<>(net.store.export());
        net.store.fixedTensors().forEach((name, values) ->
                trained.add(start.tensor(name).withValues(values)));
        return original.withTensors(trained).withPlan(null).withTrainedOn(data)
                .withHistory(String.format(Locale.ROOT, "%s %d epoch%s on %s (batch %d, lr %s, %s)",
                        task, config.epochs(), config.epochs() == 1 ? "" : "s", data.name(),
                        config.batch(), plain(config.learningRate()), config.optimizer().label()));
    }

    /** A number as written by hand: 0.0001, not 1.0E-4. */
    private static String plain(double x) {
        return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Running loss/accuracy of the epoch, reported at most every 200 ms and at epoch end. */
    private static final class Progress {
        private final String task;
        private final int epochs;
        private final int steps;
        private final int batch;
        private final ProgressListener listener;
        private int epoch;
        private double lossSum;
        private long correct;
        private int seen;
        private long started;
        private long lastReport;
        double sparsity = Double.NaN;

        Progress(String task, int epochs, int steps, int batch, ProgressListener listener) {
            this.task = task;
            this.epochs = epochs;
            this.steps = steps;
            this.batch = batch;
            this.listener = listener;
        }

        void startEpoch(int e) {
            epoch = e;
            lossSum = 0;
            correct = 0;
            seen = 0;
            started = System.nanoTime();
            lastReport = started;
        }

        void step(int s, double loss, int right) {
            lossSum += loss;
            correct += right;
            seen = s;
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_NANOS && s < steps) {
                lastReport = now;
                listener.update(status(now, false));
            }
        }

        void endEpoch() {
            listener.update(status(System.nanoTime(), true));
        }

        private TrainingStatus status(long now, boolean done) {
            double samples = (double) seen * batch;
            double secs = Math.max(1e-9, (now - started) / 1e9);
            return new TrainingStatus(task, epoch, epochs, seen, steps, lossSum / samples,
                    correct / samples, samples / secs, sparsity, done);
        }
    }
}
