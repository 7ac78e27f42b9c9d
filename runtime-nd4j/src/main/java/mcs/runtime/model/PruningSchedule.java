package mcs.runtime.model;

/**
 * When masks are recomputed during training and to what sparsity. Steps count optimizer steps
 * from 0; {@code lastStep} is the last step of the run, used where the schedule has no explicit
 * end.
 */
public interface PruningSchedule {

    /** The sparsity reached at the end of the schedule. */
    double target();

    /** Whether the masks are recomputed before this step. */
    boolean updatesAt(long step, long lastStep);

    /** The sparsity masks get when recomputed at this step. */
    double sparsityAt(long step, long lastStep);

    /** e.g. {@code poly 0 -> 0.8, power 3, every 100 steps}. */
    String describe();
}
