package mcs.interpreter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.grammar.SourceSpan;
import mcs.grammar.SourceText;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Program;
import mcs.grammar.ast.Stmt;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;

/**
 * Runs the statements of one parsed text against a session's variables: assignments, recipe
 * and function definitions, loops, conditionals and expression statements (whose values are
 * printed at the top level). A variable is assigned only once its value is computed, so an
 * error or an interruption leaves it as it was.
 */
final class Interpreter {

    /** Words of the language, offered as suggestions for unknown names. */
    static final Set<String> KEYWORDS = Set.of("recipe", "for", "in", "def", "return", "if",
            "else", "and", "or", "not", "true", "false");

    /** Calls deeper than this are refused: a recursion that does not stop. */
    static final int MAX_CALL_DEPTH = 400;

    private final Builtins builtins;
    private final Output output;
    private final SourceText source;
    private final Cancellation cancel;
    private final Calls calls;
    private Scope scope;
    private int depth;
    private SourceSpan current;

    /** A {@code return} on its way out of a function call. */
    private static final class Returned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Value value;

        Returned(Value value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    Interpreter(Builtins builtins, Map<String, Value> variables, Output output,
                SourceText source, Cancellation cancel) {
        this.builtins = builtins;
        this.scope = Scope.top(variables);
        this.output = output;
        this.source = source;
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

    /** Runs one statement; its value is that of an expression statement, else nothing. */
    private Value execute(Stmt s) {
        cancel.check();
        current = s.span();
        if (s instanceof Stmt.Assign a) {
            calls.precheck(a.value());
            Value v = eval(a.value());
            if (v instanceof Nil) {
                throw new UserError("nothing to assign: this expression gives no value",
                        a.value().span());
            }
            scope.put(a.name(), v);
        } else if (s instanceof Stmt.RecipeDef r) {
            scope.put(r.name(), calls.defineRecipe(r));
        } else if (s instanceof Stmt.FunctionDef f) {
            scope.put(f.name(), new FunctionValue(f, spec(f), scope, source));
        } else if (s instanceof Stmt.For f) {
            loop(f);
        } else if (s instanceof Stmt.If i) {
            return decide(i);
        } else if (s instanceof Stmt.Return r) {
            if (depth == 0) {
                throw new UserError("return outside a function", r.span(),
                        "return ends a function defined with def");
            }
            Value v = Nil.NIL;
            if (r.value() != null) {
                calls.precheck(r.value());
                v = eval(r.value());
            }
            throw new Returned(v);
        } else {
            Stmt.ExprStmt e = (Stmt.ExprStmt) s;
            calls.precheck(e.expr());
            Value v = eval(e.expr());
            if (scope.isTop() && !(v instanceof Nil)) {
                output.print(v.show());
            }
            return v;
        }
        return Nil.NIL;
    }

    private Value block(List<Stmt> body) {
        Value last = Nil.NIL;
        for (Stmt s : body) {
            last = execute(s);
        }
        return last;
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
            scope.put(f.variable(), item);
            block(f.body());
        }
    }

    /** Runs the first branch whose condition holds; its value is the branch's last value. */
    private Value decide(Stmt.If s) {
        for (Stmt.Branch branch : s.branches()) {
            calls.precheck(branch.condition());
            if (Operators.truth(valueOf(branch.condition()), branch.condition(), "if")) {
                return block(branch.body());
            }
        }
        return block(s.otherwise());
    }

    /** The parameters of a {@code def} as a spec: calls bind through it like a builtin's. */
    private BuiltinSpec spec(Stmt.FunctionDef f) {
        BuiltinSpec.Builder spec = BuiltinSpec.define(f.name(), Group.OTHER,
                "defined at " + source.name() + ":" + f.span().line());
        for (String line : SourceSlices.commentAbove(source, f.span().line())) {
            spec.note(line);
        }
        for (Stmt.Parameter p : f.parameters()) {
            spec.param(p.required() ? Param.required(p.name(), Type.ANY, "")
                    : Param.optional(p.name(), Type.ANY, "")
                            .shownDefault(SourceSlices.text(source, p.defaultValue().span())));
        }
        return spec.returns(Type.ANY);
    }

    /**
     * Calls a user function with its bound arguments: a new scope inside the one it was
     * defined in, defaults evaluated there (so they may use earlier parameters). The value is
     * the {@code return}'s, else the last statement's.
     */
    Value call(FunctionValue f, Args args, SourceSpan at) {
        if (depth >= MAX_CALL_DEPTH) {
            throw new UserError("calls nested more than " + MAX_CALL_DEPTH + " deep, in "
                    + f.name(), at, "a function that calls itself needs a case that stops");
        }
        Scope caller = scope;
        SourceSpan callerStatement = current;
        scope = f.closure().child();
        depth++;
        try {
            for (Stmt.Parameter p : f.definition().parameters()) {
                Value v = args.given(p.name()) ? args.value(p.name())
                        : calls.loose(p.defaultValue());
                scope.put(p.name(), v);
            }
            return block(f.definition().body());
        } catch (Returned r) {
            return r.value;
        } catch (UserError e) {
            if (f.source() == source || e.isIo()) {
                throw e;
            }
            // the error is in another cell's text: say where, and point at this call
            throw new UserError("in " + f.name() + " (" + f.source().name() + ":"
                    + e.span().line() + ":" + e.span().column() + "): " + e.getMessage(), at,
                    e.hint());
        } finally {
            scope = caller;
            current = callerStatement;
            depth--;
        }
    }

    /** The value of an expression that is not an argument. */
    Value eval(Expr e) {
        if (e instanceof Expr.NumberLit n) {
            return Num.of(n.value());
        } else if (e instanceof Expr.StringLit s) {
            return new Str(s.value());
        } else if (e instanceof Expr.BoolLit b) {
            return Bool.of(b.value());
        } else if (e instanceof Expr.Ident id) {
            return lookup(id);
        } else if (e instanceof Expr.ListLit l) {
            List<Value> out = new ArrayList<>();
            for (Expr element : l.elements()) {
                out.add(valueOf(element));
            }
            return new ListValue(out);
        } else if (e instanceof Expr.RecordLit r) {
            Map<String, Value> fields = new LinkedHashMap<>();
            for (Expr.Field f : r.fields()) {
                fields.put(f.name(), calls.loose(f.value()));
            }
            return new RecordValue(fields);
        } else if (e instanceof Expr.Call c) {
            return calls.call(c);
        } else if (e instanceof Expr.Pipe p) {
            return calls.pipe(p);
        } else if (e instanceof Expr.Member m) {
            return Members.get(valueOf(m.target()), m.name(), m.span());
        } else if (e instanceof Expr.Index i) {
            Value target = valueOf(i.target());
            return Members.index(target, valueOf(i.index()), i.target().span(), i.index().span());
        } else if (e instanceof Expr.Binary b) {
            return binary(b);
        } else if (e instanceof Expr.Not n) {
            return Bool.of(!Operators.truth(valueOf(n.operand()), n.operand(), "not"));
        } else if (e instanceof Expr.Conditional c) {
            boolean holds = Operators.truth(valueOf(c.condition()), c.condition(), "if");
            return eval(holds ? c.then() : c.otherwise());
        }
        Expr.Negate n = (Expr.Negate) e;
        Value v = valueOf(n.operand());
        if (!(v instanceof Num num)) {
            throw new UserError("only numbers can be negated, not " + v.describe(),
                    n.operand().span());
        }
        return Num.of(-num.value());
    }

    private Value binary(Expr.Binary b) {
        Value left = valueOf(b.left());
        if (b.operator() == Expr.Operator.AND || b.operator() == Expr.Operator.OR) {
            String word = b.operator().symbol();
            boolean l = Operators.truth(left, b.left(), word);
            if (l == (b.operator() == Expr.Operator.OR)) {
                return Bool.of(l);
            }
            return Bool.of(Operators.truth(valueOf(b.right()), b.right(), word));
        }
        return Operators.apply(b, left, valueOf(b.right()));
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
        Value v = scope.get(id.name());
        if (v != null) {
            return v;
        }
        return builtins.value(id.name()).orElseThrow(() -> unknownName(id));
    }

    boolean isVariable(String name) {
        return scope.has(name);
    }

    Value variable(String name) {
        return scope.get(name);
    }

    UserError unknownName(Expr.Ident id) {
        String hint = symbolHint(id.name());
        if (hint != null) { // a known symbol used outside an argument: say where it belongs
            return new UserError("unknown name " + id.name(), id.span(), hint);
        }
        List<String> names = new ArrayList<>(scope.names());
        names.addAll(builtins.names());
        names.addAll(KEYWORDS);
        String suggestion = Suggestions.didYouMean(id.name(), names);
        return new UserError("unknown name " + id.name() + suggestion, id.span(), null);
    }

    /** Whether {@code name} is a symbol some builtin's parameter accepts ({@code int8}, ...). */
    boolean isSymbol(String name) {
        return symbolHint(name) != null;
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
