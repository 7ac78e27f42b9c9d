package mcs.runtime.prune;

import mcs.runtime.model.PruningSchedule;

/**
 * tfmot's ConstantSparsity: from {@code begin} to {@code end} (-1: the last step of training),
 * every {@code frequency} steps, masks are recomputed at {@code target} sparsity.
 */
public record ConstantSparsity(double target, long begin, long end, int frequency)
        implements PruningSchedule {

    public ConstantSparsity {
        Schedules.check(target, begin, end, frequency);
    }

    @Override
    public boolean updatesAt(long step, long lastStep) {
        return Schedules.updatesAt(step, begin, Schedules.end(end, lastStep), frequency);
    }

    @Override
    public double sparsityAt(long step, long lastStep) {
        return target;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "constant %s from step %d, every %d steps",
                Schedules.fmt(target), begin, frequency);
    }
}
