package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceText;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import mcs.interpreter.builtin.Binder;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.RecipeValue;
import mcs.interpreter.value.Value;

/**
 * Defines recipes: {@code recipe deep = prune(0.8) | finetune(data)}. Each stage names a
 * builtin, a user function or an earlier recipe; its arguments are evaluated and checked now, leaving only the
 * first (piped) argument for when the recipe is applied.
 */
final class Recipes {

    private final Calls calls;
    private final SourceText source;

    Recipes(Calls calls, SourceText source) {
        this.calls = calls;
        this.source = source;
    }

    RecipeValue define(Stmt.RecipeDef def) {
        List<Expr> stageExprs = new ArrayList<>();
        Expr e = def.body();
        while (e instanceof Expr.Pipe p) {
            stageExprs.add(0, p.right());
            e = p.left();
        }
        stageExprs.add(0, e);
        List<RecipeValue.Stage> stages = new ArrayList<>();
        for (Expr s : stageExprs) {
            stages.add(stage(s));
        }
        return new RecipeValue(def.name(), SourceSlices.text(source, def.body().span()), stages);
    }

    private RecipeValue.Stage stage(Expr e) {
        Expr.Ident callee;
        List<Expr.Arg> args;
        if (e instanceof Expr.Call c && c.callee() instanceof Expr.Ident id) {
            callee = id;
            args = c.args();
        } else if (e instanceof Expr.Ident id) {
            callee = id;
            args = List.of();
        } else {
            throw new UserError("a recipe stage is a function call such as prune(0.8), or the "
                    + "name of a function or recipe", e.span());
        }
        String text = SourceSlices.text(source, e.span());
        Calls.Target target = calls.resolve(callee);
        if (target.recipe() != null) {
            if (!args.isEmpty()) {
                throw new UserError("recipe " + target.recipe().name() + " takes no arguments "
                        + "in a recipe: it is applied to what is piped into it", e.span());
            }
            return new RecipeValue.Stage(target.recipe(), List.of(), text);
        }
        BuiltinSpec spec = target.spec();
        if (!spec.takesPipedInput()) {
            throw new UserError(spec.name() + " cannot be a recipe stage: nothing can be piped "
                    + "into it", callee.span());
        }
        List<Binder.Slot> slots = new ArrayList<>();
        slots.add(new Binder.Slot(null, e.span(), true));
        args.forEach(a -> slots.add(new Binder.Slot(a.name(), a.span(), false)));
        List<Param> params = Binder.plan(spec, slots, e.span());
        args.forEach(a -> calls.precheck(a.value()));
        List<RecipeValue.StageArg> bound = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Expr.Arg a = args.get(i);
            Param p = params.get(i + 1);
            Value given = target.function() != null ? calls.loose(a.value())
                    : calls.argument(a.value(), p, spec);
            Value v = Binder.check(spec, p, given, a.value().span());
            bound.add(new RecipeValue.StageArg(a.name(), v, calls.label(a.value())));
        }
        Value function = target.function() != null ? target.function()
                : new BuiltinValue(spec.name(), spec.signature());
        return new RecipeValue.Stage(function, bound, text);
    }
}
