package mcs.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;

/**
 * How deep a statement's expressions nest. The parser reads operator chains in loops
 * ({@code - - - 1}, {@code not not x}, {@code 1 + 1 + 1}, {@code a.b.c}), so their length is
 * not limited by the bracket depth, but each link is one level of the tree and the
 * interpreter evaluates the tree recursively: a chain of 200,000 minuses overflowed its stack
 * (an internal error). Deeper trees are refused here, as deep brackets are. Walks the tree with
 * its own stack, so measuring cannot overflow either.
 */
final class ExprDepth {

    /**
     * The deepest expression tree taken. Evaluating one level takes two or three frames of a
     * few hundred bytes, so this stays under a megabyte of stack, a thread's default.
     */
    static final int MAX_DEPTH = 1000;

    private record Node(Object node, int depth) { }

    private ExprDepth() { }

    /** An error at the first expression nested deeper than {@link #MAX_DEPTH}, if any. */
    static Optional<Diagnostic> tooDeep(Stmt statement) {
        Deque<Node> todo = new ArrayDeque<>();
        todo.push(new Node(statement, 0));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n.depth() > MAX_DEPTH && n.node() instanceof Expr e) {
                return Optional.of(Diagnostic.error("this expression is nested more than "
                        + MAX_DEPTH + " deep (a chain of operators or members this long "
                        + "cannot be evaluated)", e.span()));
            }
            int next = n.node() instanceof Expr ? n.depth() + 1 : n.depth();
            for (Object child : children(n.node())) {
                if (child != null) {
                    todo.push(new Node(child, next));
                }
            }
        }
        return Optional.empty();
    }

    private static List<?> children(Object node) {
        if (node instanceof Expr e) {
            return children(e);
        }
        if (node instanceof Stmt s) {
            return children(s);
        }
        if (node instanceof Expr.Arg a) {
            return List.of(a.value());
        }
        if (node instanceof Expr.Field f) {
            return List.of(f.value());
        }
        if (node instanceof Stmt.Branch b) {
            return concat(b.condition(), b.body());
        }
        if (node instanceof Stmt.Parameter p) {
            return p.defaultValue() == null ? List.of() : List.of(p.defaultValue());
        }
        return List.of();
    }

    private static List<?> children(Expr e) {
        if (e instanceof Expr.ListLit x) {
            return x.elements();
        } else if (e instanceof Expr.Call x) {
            return concat(x.callee(), x.args());
        } else if (e instanceof Expr.Member x) {
            return List.of(x.target());
        } else if (e instanceof Expr.Index x) {
            return List.of(x.target(), x.index());
        } else if (e instanceof Expr.Negate x) {
            return List.of(x.operand());
        } else if (e instanceof Expr.Not x) {
            return List.of(x.operand());
        } else if (e instanceof Expr.RecordLit x) {
            return x.fields();
        } else if (e instanceof Expr.Binary x) {
            return List.of(x.left(), x.right());
        } else if (e instanceof Expr.Conditional x) {
            return List.of(x.condition(), x.then(), x.otherwise());
        } else if (e instanceof Expr.Pipe x) {
            return List.of(x.left(), x.right());
        }
        return List.of(); // literals and names
    }

    private static List<?> children(Stmt s) {
        if (s instanceof Stmt.Assign x) {
            return List.of(x.value());
        } else if (s instanceof Stmt.RecipeDef x) {
            return List.of(x.body());
        } else if (s instanceof Stmt.For x) {
            return concat(x.iterable(), x.body());
        } else if (s instanceof Stmt.If x) {
            return concat(x.branches(), x.otherwise());
        } else if (s instanceof Stmt.FunctionDef x) {
            return concat(x.parameters(), x.body());
        } else if (s instanceof Stmt.Return x) {
            return x.value() == null ? List.of() : List.of(x.value());
        } else if (s instanceof Stmt.ExprStmt x) {
            return List.of(x.expr());
        }
        return List.of();
    }

    private static List<Object> concat(Object first, List<?> rest) {
        List<Object> all = new ArrayList<>(rest.size() + 1);
        if (first instanceof List<?> l) {
            all.addAll(l);
        } else {
            all.add(first);
        }
        all.addAll(rest);
        return all;
    }
}
