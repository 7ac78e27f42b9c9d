package mcs.grammar.ast;

import java.util.List;
import mcs.grammar.SourceSpan;

/** A statement of the mcs language. */
public sealed interface Stmt {

    SourceSpan span();

    /** {@code name = value}. */
    record Assign(String name, SourceSpan nameSpan, Expr value, SourceSpan span) implements Stmt { }

    /**
     * {@code recipe name = f(..) | g(..)}: a pipeline without a head. Every stage of
     * {@code body} (a single call or a chain of {@link Expr.Pipe}s) is applied later to a model.
     */
    record RecipeDef(String name, SourceSpan nameSpan, Expr body, SourceSpan span) implements Stmt { }

    /** {@code for variable in iterable { body }}. */
    record For(String variable, SourceSpan variableSpan, Expr iterable, List<Stmt> body,
               SourceSpan span) implements Stmt {
        public For {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code if c { .. } else if d { .. } else { .. }}: the first branch whose condition holds
     * runs; {@code otherwise} (possibly empty) when none does.
     */
    record If(List<Branch> branches, List<Stmt> otherwise, SourceSpan span) implements Stmt {
        public If {
            branches = List.copyOf(branches);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** One {@code if} or {@code else if} of an {@link If}. */
    record Branch(Expr condition, List<Stmt> body) {
        public Branch {
            body = List.copyOf(body);
        }
    }

    /**
     * {@code def name(a, b=2) { body }}: a function returning its {@code return}'s value, or
     * the value of its last statement.
     */
    record FunctionDef(String name, SourceSpan nameSpan, List<Parameter> parameters,
                       List<Stmt> body, SourceSpan span) implements Stmt {
        public FunctionDef {
            parameters = List.copyOf(parameters);
            body = List.copyOf(body);
        }
    }

    /** A parameter of a {@link FunctionDef}; {@code defaultValue} is null when required. */
    record Parameter(String name, Expr defaultValue, SourceSpan span) {
        public boolean required() {
            return defaultValue == null;
        }
    }

    /** {@code return} or {@code return value} (value null when absent). */
    record Return(Expr value, SourceSpan span) implements Stmt { }

    /** An expression on its own: its value is printed. */
    record ExprStmt(Expr expr, SourceSpan span) implements Stmt { }
}
