package mcs.runtime.model;

import java.util.List;
import java.util.Map;

/**
 * A pruning schedule waiting for training: the weights before pruning and the tensors the
 * schedule applies to. Training that follows starts from {@code unpruned} and ramps the masks
 * along {@code schedule}.
 */
public record PruningPlan(PruningSchedule schedule, List<String> tensors,
                          Map<String, Tensor> unpruned) {

    public PruningPlan {
        tensors = List.copyOf(tensors);
        unpruned = Map.copyOf(unpruned);
    }
}
