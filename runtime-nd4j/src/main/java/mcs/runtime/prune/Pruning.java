package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.model.Model;
import mcs.runtime.model.PruningPlan;
import mcs.runtime.model.PruningSchedule;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/**
 * Magnitude pruning of a model's Dense and Conv2D kernels. Lazy and always well defined: the
 * result is the model pruned one-shot to the schedule's target (what its sparsity and accuracy
 * report), carrying a {@link PruningPlan} so that training that follows starts from the
 * unpruned weights and ramps the masks along the schedule.
 */
public final class Pruning {

    private Pruning() {
    }

    public static Model prune(Model model, PruningSchedule schedule) {
        // pruning again before training keeps the original unpruned weights as the start
        Map<String, Tensor> unpruned = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<Tensor> pruned = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            if (t.role() != TensorRole.KERNEL) {
                continue;
            }
            Tensor start = model.plan() != null && model.plan().unpruned().containsKey(t.name())
                    ? model.plan().unpruned().get(t.name()) : t;
            names.add(t.name());
            unpruned.put(t.name(), start);
            pruned.add(start.withMask(MagnitudePruner.mask(start.values(), schedule.target())));
        }
        return model.withTensors(pruned)
                .withPlan(new PruningPlan(schedule, names, unpruned))
                .withHistory("prune " + schedule.describe());
    }
}
