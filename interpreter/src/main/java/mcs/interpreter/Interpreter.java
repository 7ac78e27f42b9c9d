package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.grammar.SourceSpan;
import mcs.grammar.SourceText;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Program;
import mcs.grammar.ast.Stmt;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;

/**
 * Runs the statements of one parsed text against a session's variables: assignments, recipe
 * definitions, loops and expression statements (whose values are printed). A variable is
 * assigned only once its value is computed, so an error or an interruption leaves it as it was.
 */
final class Interpreter {

    /** Words of the language, offered as suggestions for unknown names. */
    static final Set<String> KEYWORDS = Set.of("recipe", "for", "in");

    private final Builtins builtins;
    private final Map<String, Value> variables;
    private final Output output;
    private final Cancellation cancel;
    private final Calls calls;
    private SourceSpan current;

    Interpreter(Builtins builtins, Map<String, Value> variables, Output output,
                SourceText source, Cancellation cancel) {
        this.builtins = builtins;
        this.variables = variables;
        this.output = output;
        this.cancel = cancel;
        this.calls = new Calls(this, builtins, output, source, cancel);
    }

    /** The statement running now, for locating internal errors. */
    SourceSpan current() {
        return current;
    }

    void run(Program program) {
        for (Stmt s : program.statements()) {
            execute(s);
        }
    }

    private void execute(Stmt s) {
        cancel.check();
        current = s.span();
        if (s instanceof Stmt.Assign a) {
            calls.precheck(a.value());
            Value v = eval(a.value());
            if (v instanceof Nil) {
                throw new UserError("nothing to assign: this expression gives no value",
                        a.value().span());
            }
            variables.put(a.name(), v);
        } else if (s instanceof Stmt.RecipeDef r) {
            variables.put(r.name(), calls.defineRecipe(r));
        } else if (s instanceof Stmt.For f) {
            loop(f);
        } else {
            Stmt.ExprStmt e = (Stmt.ExprStmt) s;
            calls.precheck(e.expr());
            Value v = eval(e.expr());
            if (!(v instanceof Nil)) {
                output.print(v.show());
            }
        }
    }

    private void loop(Stmt.For f) {
        calls.precheck(f.iterable());
        Value items = eval(f.iterable());
        if (!(items instanceof ListValue list)) {
            throw new UserError("for needs a list to go through, got " + items.describe(),
                    f.iterable().span());
        }
        for (Value item : list.elements()) {
            cancel.check();
            variables.put(f.variable(), item);
            for (Stmt s : f.body()) {
                execute(s);
            }
        }
    }

    /** The value of an expression that is not an argument. */
    Value eval(Expr e) {
        if (e instanceof Expr.NumberLit n) {
            return Num.of(n.value());
        } else if (e instanceof Expr.StringLit s) {
            return new Str(s.value());
        } else if (e instanceof Expr.Ident id) {
            return lookup(id);
        } else if (e instanceof Expr.ListLit l) {
            List<Value> out = new ArrayList<>();
            for (Expr element : l.elements()) {
                out.add(valueOf(element));
            }
            return new ListValue(out);
        } else if (e instanceof Expr.Call c) {
            return calls.call(c);
        } else if (e instanceof Expr.Pipe p) {
            return calls.pipe(p);
        } else if (e instanceof Expr.Member m) {
            return Members.get(valueOf(m.target()), m.name(), m.span());
        } else if (e instanceof Expr.Index i) {
            Value target = valueOf(i.target());
            return Members.index(target, valueOf(i.index()), i.target().span(), i.index().span());
        }
        Expr.Negate n = (Expr.Negate) e;
        Value v = valueOf(n.operand());
        if (!(v instanceof Num num)) {
            throw new UserError("only numbers can be negated, not " + v.describe(),
                    n.operand().span());
        }
        return Num.of(-num.value());
    }

    /** Like {@link #eval}, but refuses "nothing" (the result of {@code print}, ...). */
    Value valueOf(Expr e) {
        Value v = eval(e);
        if (v instanceof Nil) {
            throw new UserError("this expression gives no value", e.span());
        }
        return v;
    }

    /** A variable, else a builtin as a value, else an unknown-name error. */
    Value lookup(Expr.Ident id) {
        Value v = variables.get(id.name());
        if (v != null) {
            return v;
        }
        return builtins.value(id.name()).orElseThrow(() -> unknownName(id));
    }

    boolean isVariable(String name) {
        return variables.containsKey(name);
    }

    Value variable(String name) {
        return variables.get(name);
    }

    UserError unknownName(Expr.Ident id) {
        String hint = symbolHint(id.name());
        if (hint != null) { // a known symbol used outside an argument: say where it belongs
            return new UserError("unknown name " + id.name(), id.span(), hint);
        }
        List<String> names = new ArrayList<>(variables.keySet());
        names.addAll(builtins.names());
        names.addAll(KEYWORDS);
        String suggestion = Suggestions.didYouMean(id.name(), names);
        return new UserError("unknown name " + id.name() + suggestion, id.span(), null);
    }

    /** Where {@code name} would mean something: as a symbol argument of some builtin. */
    private String symbolHint(String name) {
        for (String f : builtins.names()) {
            for (var p : builtins.params(f)) {
                if (p.symbols().contains(name)) {
                    return name + " is a symbol, meaningful only as an argument, e.g. " + f + "("
                            + p.name() + "=" + name + ")";
                }
            }
        }
        return null;
    }
}
