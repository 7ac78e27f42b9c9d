package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.HelpText;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecipeValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;
import mcs.runtime.Engine;

/** {@code print}, {@code help}, {@code backend}, {@code len}, {@code range}. */
final class OtherBuiltins {

    private static final int MAX_RANGE = 1_000_000;

    private OtherBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("print", Group.OTHER, "Prints its arguments on one line, separated by "
                        + "spaces.")
                .param(Param.variadic("values", Type.ANY, "what to print"))
                .returns(Type.NOTHING), OtherBuiltins::print);
        b.add(define("help", Group.OTHER, "Lists the functions, or describes one: help(prune).")
                .param(Param.optional("topic", Type.ANY, "a function (builtin or def) or recipe"))
                .returns(Type.NOTHING), OtherBuiltins::help);
        b.add(define("backend", Group.OTHER, "Describes the numeric backend: BLAS, oneDNN, "
                        + "threads, CPU, GPU.")
                .returns(Type.STRING), (a, c) -> new Str(Engine.describe()));
        b.add(define("len", Group.OTHER, "Length of a list, table (rows) or string.")
                .param(Param.required("x", Type.ANY, "a list, table or string"))
                .returns(Type.NUMBER), OtherBuiltins::len);
        b.add(define("range", Group.OTHER, "The whole numbers 0, 1, ..., n-1 as a list; "
                        + "range(start, stop, step) as in Python.")
                .param(Param.required("n", Type.INTEGER, "how many; with stop, the start"))
                .param(Param.optional("stop", Type.INTEGER, "stop just before this")
                        .shownDefault("none"))
                .param(Param.optional("step", Type.INTEGER, Num.of(1), "the difference between "
                        + "neighbours; not 0"))
                .note("range(4) is [0, 1, 2, 3]; range(2, 5) is [2, 3, 4]; range(10, 0, -3) is "
                        + "[10, 7, 4, 1].")
                .note("A list has at most " + MAX_RANGE + " numbers; range(n) with n <= 0 is [].")
                .returns(Type.LIST), OtherBuiltins::range);
    }

    private static Value print(Args a, CallContext c) {
        c.print(a.values("values").stream().map(Value::show).collect(Collectors.joining(" ")));
        return Nil.NIL;
    }

    private static Value help(Args a, CallContext c) {
        Value topic = a.value("topic");
        if (topic instanceof Nil) {
            c.print(HelpText.overview(c.builtins()));
        } else if (topic instanceof BuiltinValue f) {
            c.print(HelpText.of(c.builtins().spec(f.name()).orElseThrow()));
        } else if (topic instanceof RecipeValue r) {
            c.print(r.show());
        } else if (topic instanceof FunctionValue f) {
            StringBuilder text = new StringBuilder(f.show()).append("\n  ").append(f.spec().doc());
            f.spec().notes().forEach(line -> text.append("\n  ").append(line));
            c.print(text.toString());
        } else if (topic instanceof Str s && c.builtins().contains(s.value())) {
            c.print(HelpText.of(c.builtins().spec(s.value()).orElseThrow()));
        } else {
            throw a.error("topic", "help describes functions and recipes, e.g. help(prune); got "
                    + topic.describe());
        }
        return Nil.NIL;
    }

    private static Value len(Args a, CallContext c) {
        Value x = a.value("x");
        if (x instanceof ListValue l) {
            return Num.of(l.size());
        } else if (x instanceof TableValue t) {
            return Num.of(t.rows().size());
        } else if (x instanceof Str s) {
            return Num.of(s.value().codePointCount(0, s.value().length()));
        }
        throw a.error("x", "x must be a list, table or string, got " + x.describe());
    }

    /** Whole numbers are at most 2^53 in size, so these longs cannot overflow. */
    private static Value range(Args a, CallContext c) {
        boolean twoEnds = a.present("stop");
        long start = twoEnds ? a.longValue("n") : 0;
        long stop = twoEnds ? a.longValue("stop") : a.longValue("n");
        long step = a.longValue("step");
        if (step == 0) {
            throw a.error("step", "step must not be 0");
        }
        long count = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
                : (start > stop ? (start - stop - step - 1) / -step : 0);
        if (count > MAX_RANGE) {
            throw a.error(twoEnds ? "stop" : "n", "that is " + count + " numbers; a list "
                    + "has at most " + MAX_RANGE);
        }
        List<Value> out = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            out.add(Num.of(start + i * step));
        }
        return new ListValue(out);
    }
}
