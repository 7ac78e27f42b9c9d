package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;
import mcs.runtime.model.PruningPlan;
import mcs.runtime.model.PruningSchedule;
import mcs.runtime.model.Tensor;

/**
 * Magnitude pruning of a model's Dense and Conv2D kernels. Lazy and always well defined: the
 * result is the model pruned one-shot to the schedule's target (what its sparsity and accuracy
 * report), carrying a {@link PruningPlan} so that training that follows starts from the
 * unpruned weights and ramps the masks along the schedule. N:M sparsity is one-shot: its masks
 * are fixed, and training keeps them.
 */
public final class Pruning {

    private Pruning() {
    }

    /** Every kernel, each with its own threshold. */
    public static Model prune(Model model, PruningSchedule schedule) {
        return prune(model, schedule, PruningPlan.Scope.LAYER, Selection.ALL);
    }

    /**
     * The selected kernels, with a threshold per tensor or one over all of them. Pruning again
     * before training starts from the weights before the earlier pruning.
     */
    public static Model prune(Model model, PruningSchedule schedule, PruningPlan.Scope scope,
                              Selection selection) {
        Map<String, Tensor> unpruned = starts(model, selection);
        if (unpruned.isEmpty()) {
            throw new InvalidInputException("nothing to prune: no dense or conv layer selected");
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        unpruned.forEach((name, t) -> weights.put(name, t.values()));
        List<Tensor> pruned = new ArrayList<>();
        MagnitudePruner.masks(weights, schedule.target(), scope)
                .forEach((name, mask) -> pruned.add(unpruned.get(name).withMask(mask)));
        String where = (scope == PruningPlan.Scope.GLOBAL ? ", global" : "")
                + describe(selection);
        return model.withTensors(pruned)
                .withPlan(new PruningPlan(schedule, List.copyOf(unpruned.keySet()), unpruned,
                        scope))
                .withHistory("prune " + schedule.describe() + where);
    }

    /**
     * N:M sparsity on the selected kernels whose input dimension is a multiple of M; the others
     * are left as they are (named in the history), or refused when named in {@code layers}.
     */
    public static Model pruneNm(Model model, NmSparsity nm, Selection selection) {
        Map<String, Tensor> starts = starts(model, selection);
        List<Tensor> pruned = new ArrayList<>();
        List<String> unfit = new ArrayList<>();
        for (Layer l : selection.choose(model, Selection.Kinds.WEIGHTED)) {
            Tensor t = starts.get(l.name() + ".kernel");
            if (nm.fits(t.shape())) {
                pruned.add(t.withMask(nm.mask(t.values(), t.shape())));
            } else if (selection.named(l)) {
                throw new InvalidInputException(l.name() + "'s input dimension (" + inputs(t)
                        + ") is not a multiple of " + nm.m() + ", so it cannot be pruned "
                        + nm.n() + ":" + nm.m());
            } else {
                unfit.add(l.name());
            }
        }
        if (pruned.isEmpty()) {
            throw new InvalidInputException("no selected layer has an input dimension that is a "
                    + "multiple of " + nm.m() + " (left as is: " + String.join(", ", unfit) + ")");
        }
        PruningPlan plan = model.plan();
        if (plan != null) {
            List<String> rest = new ArrayList<>(plan.tensors());
            Map<String, Tensor> restStarts = new LinkedHashMap<>(plan.unpruned());
            for (Tensor t : pruned) {
                rest.remove(t.name());
                restStarts.remove(t.name());
            }
            plan = rest.isEmpty() ? null
                    : new PruningPlan(plan.schedule(), rest, restStarts, plan.scope());
        }
        return model.withTensors(pruned).withPlan(plan)
                .withHistory("prune " + nm.n() + ":" + nm.m() + describe(selection)
                        + (unfit.isEmpty() ? "" : ", left as is: " + String.join(", ", unfit)));
    }

    /** The masks of a plan's tensors at {@code sparsity}, from their current weights. */
    public static Map<String, boolean[]> masks(PruningPlan plan, Map<String, float[]> current,
                                               double sparsity) {
        return MagnitudePruner.masks(current, sparsity, plan.scope());
    }

    /** The selected kernels as they were before a pending schedule, in model order. */
    private static Map<String, Tensor> starts(Model model, Selection selection) {
        PruningPlan plan = model.plan();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Layer l : selection.choose(model, Selection.Kinds.WEIGHTED)) {
            String name = l.name() + ".kernel";
            out.put(name, plan != null && plan.unpruned().containsKey(name)
                    ? plan.unpruned().get(name) : model.tensor(name));
        }
        return out;
    }

    private static int inputs(Tensor t) {
        return t.shape()[NmSparsity.inputAxis(t.shape())];
    }

    static String describe(Selection s) {
        return (s.layers().isEmpty() ? "" : ", layers " + String.join(" ", s.layers()))
                + (s.skip().isEmpty() ? "" : ", skip " + String.join(" ", s.skip()));
    }
}
