package mcs.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * A pruning schedule waiting for training: the weights before pruning, the tensors the
 * schedule applies to and the scope of its magnitude threshold. Training that follows starts
 * from {@code unpruned} and ramps the masks along {@code schedule}.
 */
public record PruningPlan(PruningSchedule schedule, List<String> tensors,
                          Map<String, Tensor> unpruned, Scope scope) {

    /** Where the magnitude threshold is taken. */
    public enum Scope {
        /** Each tensor keeps its own top {@code max(round(n (1 - s)), 1)} weights. */
        LAYER,
        /** One threshold over the union of the plan's tensors (top-k over all of them). */
        GLOBAL
    }

    public PruningPlan {
        tensors = List.copyOf(tensors);
        unpruned = Map.copyOf(unpruned);
        if (scope == null) {
            throw new IllegalArgumentException("scope is required");
        }
    }

    /** A per-tensor (layer-wise) plan. */
    public PruningPlan(PruningSchedule schedule, List<String> tensors,
                       Map<String, Tensor> unpruned) {
        this(schedule, tensors, unpruned, Scope.LAYER);
    }
}
