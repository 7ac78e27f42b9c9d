package mcs.grammar;

import static mcs.grammar.Shapes.expr;
import static mcs.grammar.Shapes.program;
import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import org.junit.jupiter.api.Test;

class SpansTest {

    private static SourceSpan span(int line, int column, int endLine, int endColumn) {
        return new SourceSpan(line, column, endLine, endColumn);
    }

    @Test
    void assignmentAndItsName() {
        Stmt.Assign assign =
                (Stmt.Assign) program("  small = base | prune(0.8)").statements().get(0);
        assertThat(assign.span()).isEqualTo(span(1, 3, 1, 28));
        assertThat(assign.nameSpan()).isEqualTo(span(1, 3, 1, 8));
        assertThat(assign.value().span()).isEqualTo(span(1, 11, 1, 28));
    }

    @Test
    void pipeCoversBothSidesAndCallCoversCalleeThroughParen() {
        Expr.Pipe pipe = (Expr.Pipe) expr("a | f(x) | g");
        assertThat(pipe.span()).isEqualTo(span(1, 1, 1, 13));
        Expr.Pipe inner = (Expr.Pipe) pipe.left();
        assertThat(inner.span()).isEqualTo(span(1, 1, 1, 9));
        Expr.Call call = (Expr.Call) inner.right();
        assertThat(call.span()).isEqualTo(span(1, 5, 1, 9));
        assertThat(call.callee().span()).isEqualTo(span(1, 5, 1, 6));
    }

    @Test
    void argumentCoversNameAndValue() {
        Expr.Call call = (Expr.Call) expr("prune(0.8, schedule = poly)");
        assertThat(call.args().get(0).span()).isEqualTo(span(1, 7, 1, 10));
        assertThat(call.args().get(1).span()).isEqualTo(span(1, 12, 1, 27));
        assertThat(call.span()).isEqualTo(span(1, 1, 1, 28));
    }

    @Test
    void postfixChains() {
        Expr.Index index = (Expr.Index) expr("model.layers[2]");
        assertThat(index.span()).isEqualTo(span(1, 1, 1, 16));
        assertThat(index.target().span()).isEqualTo(span(1, 1, 1, 13));
        assertThat(index.index().span()).isEqualTo(span(1, 14, 1, 15));
        Expr.Member member = (Expr.Member) expr("(a | b).c");
        assertThat(member.span()).isEqualTo(span(1, 1, 1, 10));
    }

    @Test
    void literalsAndNegation() {
        Expr.Negate negate = (Expr.Negate) expr("- 80%");
        assertThat(negate.span()).isEqualTo(span(1, 1, 1, 6));
        assertThat(negate.operand().span()).isEqualTo(span(1, 3, 1, 6));
        assertThat(expr("'a\\nb'").span()).isEqualTo(span(1, 1, 1, 7));
        assertThat(expr("[1, 2,]").span()).isEqualTo(span(1, 1, 1, 8));
        assertThat(expr("\"two\nlines\"").span()).isEqualTo(span(1, 1, 2, 7));
    }

    @Test
    void multiLineStatements() {
        Stmt.For loop = (Stmt.For) program("# c\nfor s in xs {\n  f(s)\n}").statements().get(0);
        assertThat(loop.span()).isEqualTo(span(2, 1, 4, 2));
        assertThat(loop.variableSpan()).isEqualTo(span(2, 5, 2, 6));
        assertThat(loop.body().get(0).span()).isEqualTo(span(3, 3, 3, 7));
        Stmt.ExprStmt pipeline =
                (Stmt.ExprStmt) program("base\n  | prune(0.5)\n  | f").statements().get(0);
        assertThat(pipeline.span()).isEqualTo(span(1, 1, 3, 6));
    }

    @Test
    void recipeSpan() {
        Stmt.RecipeDef recipe = (Stmt.RecipeDef) program("recipe r = a | b").statements().get(0);
        assertThat(recipe.span()).isEqualTo(span(1, 1, 1, 17));
        assertThat(recipe.nameSpan()).isEqualTo(span(1, 8, 1, 9));
    }
}
