package mcs.runtime.prune;

import mcs.runtime.InvalidInputException;

/** Rules the pruning schedules share. */
final class Schedules {

    private Schedules() {
    }

    static void check(double target, long begin, long end, int frequency) {
        if (!(target >= 0 && target < 1)) {
            throw new InvalidInputException("sparsity must be in [0, 1), got " + fmt(target));
        }
        if (begin < 0) {
            throw new InvalidInputException("begin must be >= 0, got " + begin);
        }
        if (end != -1 && end < begin) {
            throw new InvalidInputException("end (" + end + ") must not be before begin (" + begin + ")");
        }
        if (frequency < 1) {
            throw new InvalidInputException("frequency must be at least 1, got " + frequency);
        }
    }

    static long end(long end, long lastStep) {
        return end == -1 ? lastStep : end;
    }

    /** tfmot: prune when begin <= step <= end and (step - begin) % frequency == 0. */
    static boolean updatesAt(long step, long begin, long end, int frequency) {
        return step >= begin && step <= end && (step - begin) % frequency == 0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(java.util.Locale.ROOT, "%.4g", v).replaceAll("\\.?0+$", "");
    }
}
