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

    /** An expression on its own: its value is printed. */
    record ExprStmt(Expr expr, SourceSpan span) implements Stmt { }
}
