package mcs.runtime.prune;

import mcs.runtime.model.PruningSchedule;

/**
 * tfmot's PolynomialDecay: sparsity rises from {@code initial} to {@code target} as
 * {@code s = (s0 - s1)(1 - p)^power + s1}, {@code p = clip((step - begin) / (end - begin), 0, 1)},
 * masks recomputed every {@code frequency} steps from {@code begin} to {@code end} (-1: the last
 * step of training). Unlike tfmot, the masks are also recomputed at {@code end} itself, so the
 * run always ends at exactly {@code target}.
 */
public record PolynomialDecay(double initial, double target, long begin, long end, double power,
                              int frequency) implements PruningSchedule {

    public PolynomialDecay {
        Schedules.check(target, begin, end, frequency);
        if (!(initial >= 0 && initial <= target)) {
            throw new mcs.runtime.InvalidInputException("initial sparsity must be in [0, "
                    + Schedules.fmt(target) + "], got " + initial);
        }
        if (!(power > 0)) {
            throw new mcs.runtime.InvalidInputException("power must be > 0, got " + power);
        }
    }

    @Override
    public boolean updatesAt(long step, long lastStep) {
        long e = Schedules.end(end, lastStep);
        return Schedules.updatesAt(step, begin, e, frequency) || step == e;
    }

    @Override
    public double sparsityAt(long step, long lastStep) {
        long e = Schedules.end(end, lastStep);
        double p = e <= begin ? 1.0 : (double) (step - begin) / (e - begin);
        p = Math.max(0, Math.min(1, p));
        return (initial - target) * Math.pow(1 - p, power) + target;
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "poly %s -> %s, power %s, every %d steps",
                Schedules.fmt(initial), Schedules.fmt(target), Schedules.fmt(power), frequency);
    }
}
