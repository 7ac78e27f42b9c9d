package mcs.interpreter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceSpan;
import mcs.grammar.SourceText;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Binder;
import mcs.interpreter.builtin.Builtin;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.RecipeValue;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;

/**
 * Calls, pipelines and recipes. A call binds its arguments through the callee's spec (a user
 * function's parameters are a spec too); a bare name in argument position that is no variable
 * becomes one of the parameter's symbols, or the builtin of that name. {@code a | f(x)} calls {@code f(a, x)}; {@code a | r} applies every
 * stage of recipe {@code r} in turn.
 */
final class Calls {

    /** A value piped into a call: the value, where its expression is, its variable name. */
    private record Piped(Value value, SourceSpan span, String label) { }

    /** What a name calls: a builtin, a recipe or a user function (one of them). */
    record Target(Builtin builtin, RecipeValue recipe, FunctionValue function) {

        static Target of(Builtin b) {
            return new Target(b, null, null);
        }

        /** The parameters calls bind to, for builtins and user functions. */
        BuiltinSpec spec() {
            return builtin != null ? builtin.spec() : function.spec();
        }
    }

    private final Interpreter interpreter;
    private final Builtins builtins;
    private final Output output;
    private final SourceText source;
    private final Cancellation cancel;
    private final Recipes recipes;

    Calls(Interpreter interpreter, Builtins builtins, Output output, SourceText source,
          Cancellation cancel) {
        this.interpreter = interpreter;
        this.builtins = builtins;
        this.output = output;
        this.source = source;
        this.cancel = cancel;
        this.recipes = new Recipes(this, source);
    }

    Value call(Expr.Call c) {
        return invoke(resolve(c.callee()), null, c.args(), c.span());
    }

    Value pipe(Expr.Pipe p) {
        Expr right = p.right();
        Value left = interpreter.valueOf(p.left());
        Piped piped = new Piped(left, p.left().span(), label(p.left()));
        if (right instanceof Expr.Call c) {
            return invoke(resolve(c.callee()), piped, c.args(), c.span());
        }
        return invoke(resolve(stageName(right)), piped, List.of(), right.span());
    }

    RecipeValue defineRecipe(Stmt.RecipeDef def) {
        return recipes.define(def);
    }

    /**
     * Checks every call in {@code e} before anything runs: the functions exist and the
     * arguments fit their parameters by name and number, so a misspelt last stage does not
     * wait for a long training in the first.
     */
    void precheck(Expr e) {
        if (e instanceof Expr.Call c) {
            checkCall(c.callee(), null, c.args(), c.span());
            c.args().forEach(a -> precheck(a.value()));
        } else if (e instanceof Expr.Pipe p) {
            precheck(p.left());
            if (p.right() instanceof Expr.Call c) {
                checkCall(c.callee(), p.left().span(), c.args(), c.span());
                c.args().forEach(a -> precheck(a.value()));
            } else {
                checkCall(stageName(p.right()), p.left().span(), List.of(), p.right().span());
            }
        } else if (e instanceof Expr.ListLit l) {
            l.elements().forEach(this::precheck);
        } else if (e instanceof Expr.Member m) {
            precheck(m.target());
        } else if (e instanceof Expr.Index i) {
            precheck(i.target());
            precheck(i.index());
        } else if (e instanceof Expr.Negate n) {
            precheck(n.operand());
        } else if (e instanceof Expr.Not n) {
            precheck(n.operand());
        } else if (e instanceof Expr.Binary b) {
            precheck(b.left());
            precheck(b.right());
        } else if (e instanceof Expr.Conditional c) {
            precheck(c.condition());
            precheck(c.then());
            precheck(c.otherwise());
        } else if (e instanceof Expr.RecordLit r) {
            r.fields().forEach(f -> precheck(f.value()));
        }
    }

    private void checkCall(Expr callee, SourceSpan piped, List<Expr.Arg> args, SourceSpan span) {
        Target t = resolve(callee);
        if (t.recipe() == null) {
            Binder.plan(t.spec(), slots(piped, args), span);
        } else {
            recipeArgument(t.recipe(), piped != null, args, span);
        }
    }

    private static Expr.Ident stageName(Expr e) {
        if (e instanceof Expr.Ident id) {
            return id;
        }
        throw new UserError("after | comes a function call such as prune(0.8), or the name of "
                + "a function or recipe", e.span());
    }

    private static List<Binder.Slot> slots(SourceSpan piped, List<Expr.Arg> args) {
        List<Binder.Slot> slots = new ArrayList<>();
        if (piped != null) {
            slots.add(new Binder.Slot(null, piped, true));
        }
        for (Expr.Arg a : args) {
            slots.add(new Binder.Slot(a.name(), a.span(), false));
        }
        return slots;
    }

    private Value invoke(Target t, Piped piped, List<Expr.Arg> args, SourceSpan span) {
        if (t.recipe() != null) {
            Expr.Arg only = recipeArgument(t.recipe(), piped != null, args, span);
            if (piped != null) {
                return apply(t.recipe(), piped.value(), piped.label(), span);
            }
            return apply(t.recipe(), interpreter.valueOf(only.value()), label(only.value()), span);
        }
        BuiltinSpec spec = t.spec();
        List<Binder.Slot> slots = slots(piped == null ? null : piped.span(), args);
        List<Param> params = Binder.plan(spec, slots, span);
        List<Binder.Entry> entries = new ArrayList<>();
        if (piped != null) {
            entries.add(new Binder.Entry(null, Binder.check(spec, params.get(0), piped.value(),
                    piped.span()), piped.span(), piped.label()));
        }
        int offset = entries.size();
        for (int i = 0; i < args.size(); i++) {
            Expr.Arg a = args.get(i);
            Param p = params.get(offset + i);
            Value given = t.function() != null ? loose(a.value()) : argument(a.value(), p, spec);
            Value v = Binder.check(spec, p, given, a.value().span());
            entries.add(new Binder.Entry(a.name(), v, a.value().span(), label(a.value())));
        }
        Args bound = Binder.bind(spec, entries, span);
        return t.function() != null ? interpreter.call(t.function(), bound, span)
                : run(t.builtin(), bound, span);
    }

    /**
     * The value of {@code e} where no parameter says which symbols it takes (a user function's
     * argument, a record's field): a name that is neither a variable nor a builtin but a symbol
     * of some builtin, such as {@code int8}, is that symbol.
     */
    Value loose(Expr e) {
        if (e instanceof Expr.Ident id && !interpreter.isVariable(id.name())
                && !builtins.contains(id.name()) && interpreter.isSymbol(id.name())) {
            return new Sym(id.name());
        }
        return interpreter.valueOf(e);
    }

    /** A recipe takes its input piped or as its one argument: {@code m | r} or {@code r(m)}. */
    private static Expr.Arg recipeArgument(RecipeValue r, boolean piped, List<Expr.Arg> args,
                                           SourceSpan span) {
        if (piped ? args.isEmpty() : args.size() == 1 && !args.get(0).named()) {
            return piped ? null : args.get(0);
        }
        throw new UserError("recipe " + r.name() + " takes one input, piped or as its only "
                + "argument: m | " + r.name() + " or " + r.name() + "(m)", span);
    }

    /**
     * The value of argument expression {@code e} bound to {@code p}: a name that is no variable
     * is one of the parameter's symbols, else a builtin function, else an error.
     */
    Value argument(Expr e, Param p, BuiltinSpec spec) {
        if (e instanceof Expr.Ident id && !interpreter.isVariable(id.name())) {
            if (p.symbols().contains(id.name())) {
                return new Sym(id.name());
            }
            if (builtins.contains(id.name())) {
                return builtins.value(id.name()).orElseThrow();
            }
            if (p.takesSymbols()) {
                throw new UserError(spec.name() + ": " + p.name() + " must be one of "
                        + String.join(", ", p.symbols()) + "; got " + id.name()
                        + Suggestions.didYouMean(id.name(), p.symbols()), id.span());
            }
            throw interpreter.unknownName(id);
        }
        if (e instanceof Expr.ListLit list && p.type() == Type.SYMBOL_LIST) {
            return new ListValue(list.elements().stream().map(x -> argument(x, p, spec)).toList());
        }
        return interpreter.eval(e);
    }

    /** The variable name an argument was written as, or null for any other expression. */
    String label(Expr e) {
        return e instanceof Expr.Ident id && interpreter.isVariable(id.name()) ? id.name() : null;
    }

    /** The builtin or recipe {@code callee} names. */
    Target resolve(Expr callee) {
        if (!(callee instanceof Expr.Ident id)) {
            throw new UserError("only functions can be called, by name: prune(0.8), m | summary",
                    callee.span());
        }
        Value v = interpreter.variable(id.name());
        if (v instanceof BuiltinValue b) {
            return Target.of(builtins.get(b.name()).orElseThrow());
        } else if (v instanceof RecipeValue r) {
            return new Target(null, r, null);
        } else if (v instanceof FunctionValue f) {
            return new Target(null, null, f);
        } else if (v != null) {
            throw new UserError(id.name() + " is a " + v.typeName() + ", not a function",
                    id.span());
        }
        return builtins.get(id.name()).map(Target::of).orElseThrow(() ->
                new UserError("unknown function " + id.name()
                        + Suggestions.didYouMean(id.name(), builtins.names()), id.span()));
    }

    /** Applies each stage of {@code r} in turn; errors point at {@code at}. */
    Value apply(RecipeValue r, Value input, String label, SourceSpan at) {
        Value v = input;
        String currentLabel = label;
        for (RecipeValue.Stage stage : r.stages()) {
            cancel.check();
            try {
                v = applyStage(stage, v, currentLabel, at);
            } catch (UserError e) {
                String message = "in recipe " + r.name() + ": " + e.getMessage();
                throw e.isIo() ? UserError.io(message, at) : new UserError(message, at, e.hint());
            }
            currentLabel = null;
        }
        return v;
    }

    private Value applyStage(RecipeValue.Stage stage, Value input, String label, SourceSpan at) {
        if (stage.function() instanceof RecipeValue nested) {
            return apply(nested, input, label, at);
        }
        List<Binder.Entry> entries = new ArrayList<>();
        entries.add(new Binder.Entry(null, input, at, label));
        for (RecipeValue.StageArg a : stage.args()) {
            entries.add(new Binder.Entry(a.name(), a.value(), at, a.label()));
        }
        if (stage.function() instanceof FunctionValue f) {
            return interpreter.call(f, Binder.bind(f.spec(), entries, at), at);
        }
        Builtin b = builtins.get(((BuiltinValue) stage.function()).name()).orElseThrow();
        return run(b, Binder.bind(b.spec(), entries, at), at);
    }

    /** Runs a builtin; the runtime's complaints become errors at the call. */
    private Value run(Builtin b, Args args, SourceSpan span) {
        CallContext context = new CallContext(b.name(), span, output::print, output::notice,
                output.progress(), cancel, builtins);
        try {
            return b.body().call(args, context);
        } catch (InvalidInputException e) {
            throw fromRuntime(b.name(), e, span);
        } catch (UncheckedIOException e) {
            throw UserError.io(b.name() + ": " + e.getMessage(), span);
        }
    }

    /**
     * The message's first line, prefixed with the function (unless null or already there);
     * further lines become the hint.
     */
    static UserError fromRuntime(String function, InvalidInputException e, SourceSpan span) {
        String message = e.getMessage() == null ? "invalid input" : e.getMessage();
        int nl = message.indexOf('\n');
        String first = nl < 0 ? message : message.substring(0, nl);
        String rest = nl < 0 ? null : message.substring(nl + 1).replace("\n", "\n        ");
        String prefixed = function == null || first.startsWith(function + ":") ? first
                : function + ": " + first;
        return new UserError(prefixed, span, rest);
    }
}
