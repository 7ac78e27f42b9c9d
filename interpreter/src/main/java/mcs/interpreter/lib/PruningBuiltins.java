package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;
import mcs.runtime.model.PruningPlan;
import mcs.runtime.model.PruningSchedule;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.LayerRemoval;
import mcs.runtime.prune.NmSparsity;
import mcs.runtime.prune.PolynomialDecay;
import mcs.runtime.prune.Pruning;
import mcs.runtime.prune.Selection;
import mcs.runtime.prune.StructuredPruning;

/**
 * {@code prune}: magnitude pruning with tfmot's schedules, per layer or global, N:M, and
 * structured removal of filters/units/channels; {@code drop_layer}: removing a whole layer.
 */
final class PruningBuiltins {

    private static final List<String> SCHEDULE_PARAMS =
            List.of("schedule", "begin", "end", "frequency", "power", "initial");

    private PruningBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("prune", Group.PRUNING, "Magnitude-prunes Dense and Conv kernels (tfmot "
                        + "prune_low_magnitude).")
                .param(Param.required("model", Type.MODEL, "the model to prune"))
                .param(Param.optional("sparsity", Type.NUMBER, "fraction pruned (80% = 0.8)")
                        .range(Range.closedOpen(0, 1))
                        .shownDefault("none"))
                .param(Param.symbol("schedule", "constant", "ConstantSparsity or PolynomialDecay",
                        "constant", "poly"))
                .param(Param.optional("begin", Type.INTEGER, Num.of(0),
                        "step where pruning starts").range(Range.atLeast(0)))
                .param(Param.optional("end", Type.INTEGER, Num.of(-1),
                        "step where it ends; -1: the last").range(Range.atLeast(-1)))
                .param(Param.optional("frequency", Type.INTEGER, Num.of(100),
                        "steps between mask updates").range(Range.atLeast(1)))
                .param(Param.optional("power", Type.NUMBER, Num.of(3),
                        "exponent of the poly schedule").range(Range.above(0)))
                .param(Param.optional("initial", Type.NUMBER, Num.of(0),
                        "poly schedule's starting sparsity").range(Range.closedOpen(0, 1)))
                .param(Param.symbol("scope", "layer", "one threshold per kernel or for all",
                        "layer", "global"))
                .param(Param.symbol("granularity", "weight", "weights, N:M groups or structures",
                        "weight", "nm", "channel",
                        "filter", "neuron"))
                .param(Param.optional("nm", Type.INTEGER_LIST, "[N, M]: keep N of every M weights")
                        .shownDefault("[2, 4]"))
                .param(Param.symbol("norm", "l1", "ranks filters/neurons/channels", "l1", "l2"))
                .param(Param.optional("layers", Type.LIST, "only these layers (or tensors)")
                        .shownDefault("all"))
                .param(Param.optional("skip", Type.LIST, "these layers (or tensors) stay")
                        .shownDefault("none"))
                .note("sparsity: of each kernel's weights, or of each layer's")
                .note("  filters/units/channels.")
                .note("layers/skip name layers (\"conv1\") or their kernels (\"conv1.kernel\").")
                .note("weight: the result is pruned one-shot to the target sparsity. A")
                .note("  finetune(..) that follows starts from the unpruned weights and ramps")
                .note("  the masks along the schedule, ending at the target sparsity.")
                .note("  scope=global keeps the top max(round(N (1 - s)), 1) of all N chosen")
                .note("  weights, along the schedule too (tfmot prunes each layer on its own).")
                .note("nm (nm=[N, M] implies it; default [2, 4]): in every M consecutive")
                .note("  weights along the input dimension (dense rows, conv input channels)")
                .note("  the N largest stay, as on NVIDIA's 2:4 sparse tensor cores; set once")
                .note("  and kept while fine-tuning, so no sparsity or schedule (tfmot's")
                .note("  sparsity_m_by_n recomputes them along its schedule). Layers whose")
                .note("  inputs are not a multiple of M are left as they are.")
                .note("filter / neuron / channel: the weakest fraction (by norm) of conv")
                .note("  filters, dense units or conv input channels is REMOVED: layers shrink,")
                .note("  so params, bytes and latency drop (tfmot has no such pruning). The")
                .note("  output layer, the last layer of a residual body, layers feeding a")
                .note("  residual block and the input channels of the first conv are kept. No")
                .note("  schedule: finetune(..) afterwards.")
                .returns(Type.MODEL), PruningBuiltins::prune);
        b.add(define("drop_layer", Group.PRUNING, "Removes a whole layer whose output has its "
                        + "input's shape.")
                .param(Param.required("model", Type.MODEL, "the model"))
                .param(Param.required("name", Type.STRING, "the layer: \"dropout1\", "
                        + "\"residual2\", \"dense3\"..."))
                .note("Activations, dropout, batchnorm, residual blocks and conv/dense layers")
                .note("whose input and output shapes are equal can go. Later layers of the same")
                .note("kind are renumbered (dense4 becomes dense3). Not in tfmot.")
                .returns(Type.MODEL), PruningBuiltins::dropLayer);
    }

    private static Value prune(Args a, CallContext c) {
        Model model = a.model("model");
        String granularity = a.given("nm") && !a.given("granularity") ? "nm"
                : a.symbol("granularity");
        requireOnlyFor(a, granularity);
        if (granularity.equals("nm")) {
            NmSparsity nm = nm(a);
            if (a.present("sparsity") && Math.abs(a.num("sparsity") - nm.sparsity()) > 1e-9) {
                throw a.error("sparsity", "granularity=nm with nm=[" + nm.n() + ", " + nm.m()
                        + "] prunes exactly " + Num.format(nm.sparsity()) + "; omit sparsity");
            }
            Selection sel = selection(a, model, Selection.Kinds.WEIGHTED);
            return atLayers(a, sel, () -> Pruning.pruneNm(model, nm, sel));
        }
        if (!a.present("sparsity")) {
            throw new UserError("prune: missing argument sparsity", a.span("sparsity"),
                    "usage: " + a.spec().signature());
        }
        double sparsity = a.num("sparsity");
        if (granularity.equals("weight")) {
            PruningPlan.Scope scope = a.symbol("scope").equals("global")
                    ? PruningPlan.Scope.GLOBAL : PruningPlan.Scope.LAYER;
            return new ModelValue(Pruning.prune(model, schedule(a, sparsity), scope,
                    selection(a, model, Selection.Kinds.WEIGHTED)));
        }
        StructuredPruning.Granularity g =
                StructuredPruning.Granularity.valueOf(granularity.toUpperCase(Locale.ROOT));
        StructuredPruning.Norm norm =
                StructuredPruning.Norm.valueOf(a.symbol("norm").toUpperCase(Locale.ROOT));
        Selection sel = selection(a, model, g.kinds());
        return atLayers(a, sel, () -> StructuredPruning.prune(model, sparsity, g, norm, sel));
    }

    /** Runs a transform; a refusal about a layer named in {@code layers} points at that list. */
    private static Value atLayers(Args a, Selection sel, Supplier<Model> transform) {
        try {
            return new ModelValue(transform.get());
        } catch (InvalidInputException e) {
            for (String name : sel.layers()) {
                String layer = name.endsWith(".kernel") ? name.substring(0, name.length() - 7)
                        : name;
                if (e.getMessage().startsWith(layer + " ")
                        || e.getMessage().startsWith(layer + "'s ")) {
                    throw a.error("layers", e.getMessage());
                }
            }
            throw e;
        }
    }

    /** Refuses settings that mean nothing for this granularity. */
    private static void requireOnlyFor(Args a, String granularity) {
        boolean weight = granularity.equals("weight");
        boolean nm = granularity.equals("nm");
        if (!weight) {
            for (String p : SCHEDULE_PARAMS) {
                if (a.given(p)) {
                    throw a.error(p, p + " does not apply to granularity=" + granularity + ": "
                            + (nm ? "N:M masks are set once and kept while fine-tuning"
                            : "filters/neurons/channels are removed at once (finetune after)"));
                }
            }
            if (a.given("scope")) {
                throw a.error("scope", "scope only applies to granularity=weight");
            }
        }
        if (a.given("nm") && !nm) {
            throw a.error("nm", "nm only applies to granularity=nm, got granularity="
                    + granularity);
        }
        if (a.given("norm") && (weight || nm)) {
            throw a.error("norm", "norm only applies to granularity=filter, neuron or channel");
        }
    }

    private static PruningSchedule schedule(Args a, double sparsity) {
        boolean poly = a.symbol("schedule").equals("poly");
        for (String polyOnly : new String[] {"power", "initial"}) {
            if (!poly && a.given(polyOnly)) {
                throw a.error(polyOnly, polyOnly + " only applies to schedule=poly");
            }
        }
        if (poly && a.num("initial") > sparsity) {
            throw a.error("initial", "initial must not exceed sparsity (" + Num.format(sparsity)
                    + "), got " + Num.format(a.num("initial")));
        }
        long begin = a.longValue("begin");
        long end = a.longValue("end");
        if (end != -1 && end < begin) {
            throw a.error("end", "end (" + end + ") must not be before begin (" + begin + ")");
        }
        int frequency = a.integer("frequency");
        return poly
                ? new PolynomialDecay(a.num("initial"), sparsity, begin, end, a.num("power"),
                        frequency)
                : new ConstantSparsity(sparsity, begin, end, frequency);
    }

    private static NmSparsity nm(Args a) {
        if (!a.present("nm")) {
            return new NmSparsity(2, 4);
        }
        List<Value> v = a.list("nm").elements();
        if (v.size() != 2) {
            throw a.error("nm", "nm must be [N, M], e.g. [2, 4]; got " + a.list("nm").show());
        }
        double n = ((Num) v.get(0)).value();
        double m = ((Num) v.get(1)).value();
        if (!(n >= 1 && n < m && m <= 1024)) {
            throw a.error("nm", "nm must be [N, M] with 1 <= N < M <= 1024, got "
                    + a.list("nm").show());
        }
        return new NmSparsity((int) n, (int) m);
    }

    /** The layers/skip lists, each name checked against the model's (did you mean ...?). */
    private static Selection selection(Args a, Model model, Selection.Kinds kinds) {
        return new Selection(names(a, "layers", model, kinds), names(a, "skip", model, kinds));
    }

    private static List<String> names(Args a, String param, Model model, Selection.Kinds kinds) {
        if (!a.present(param)) {
            return List.of();
        }
        Set<String> valid = Selection.validNames(model, kinds);
        List<String> out = new ArrayList<>();
        for (Value v : a.list(param).elements()) {
            String name = v instanceof Str s ? s.value() : v instanceof Sym y ? y.name() : null;
            if (name == null) {
                throw a.error(param, param + " must list layer names such as \"conv1\", got "
                        + v.show());
            }
            if (!valid.contains(name)) {
                throw a.error(param, Selection.unknown(name, model, kinds)
                        + Suggestions.didYouMean(name, valid));
            }
            out.add(name);
        }
        return out;
    }

    private static Value dropLayer(Args a, CallContext c) {
        Model model = a.model("model");
        String name = a.str("name");
        List<String> names = LayerRemoval.layerNames(model);
        if (!names.contains(name)) {
            throw a.error("name", "no layer named " + name + " in " + model.name() + "; layers: "
                    + String.join(", ", names) + Suggestions.didYouMean(name, names));
        }
        return new ModelValue(LayerRemoval.drop(model, name));
    }
}
