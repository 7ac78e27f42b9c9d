package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import mcs.runtime.model.PruningSchedule;
import mcs.runtime.prune.ConstantSparsity;
import mcs.runtime.prune.PolynomialDecay;
import mcs.runtime.prune.Pruning;

/** {@code prune}: magnitude pruning with tfmot's schedules. */
final class PruningBuiltins {

    private PruningBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("prune", Group.PRUNING, "Magnitude-prunes Dense and Conv kernels (tfmot "
                        + "prune_low_magnitude).")
                .param(Param.required("model", Type.MODEL, "the model to prune"))
                .param(Param.required("sparsity", Type.NUMBER, "fraction of each kernel set to "
                        + "zero (80% = 0.8)").range(Range.closedOpen(0, 1)))
                .param(Param.symbol("schedule", "constant", "tfmot's ConstantSparsity or "
                        + "PolynomialDecay", "constant", "poly"))
                .param(Param.optional("begin", Type.INTEGER, Num.of(0),
                        "fine-tuning step where pruning starts").range(Range.atLeast(0)))
                .param(Param.optional("end", Type.INTEGER, Num.of(-1), "step where it ends; -1: "
                        + "the last step").range(Range.atLeast(-1)))
                .param(Param.optional("frequency", Type.INTEGER, Num.of(100),
                        "steps between mask updates").range(Range.atLeast(1)))
                .param(Param.optional("power", Type.NUMBER, Num.of(3),
                        "exponent of the poly schedule").range(Range.above(0)))
                .param(Param.optional("initial", Type.NUMBER, Num.of(0),
                        "sparsity the poly schedule starts from").range(Range.closedOpen(0, 1)))
                .note("The result is pruned one-shot to the target sparsity.")
                .note("A finetune(..) that follows starts from the unpruned weights and")
                .note("ramps the masks along the schedule, ending at the target sparsity.")
                .returns(Type.MODEL), PruningBuiltins::prune);
    }

    private static Value prune(Args a, CallContext c) {
        double sparsity = a.num("sparsity");
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
        PruningSchedule schedule = poly
                ? new PolynomialDecay(a.num("initial"), sparsity, begin, end, a.num("power"),
                        frequency)
                : new ConstantSparsity(sparsity, begin, end, frequency);
        return new ModelValue(Pruning.prune(a.model("model"), schedule));
    }
}
