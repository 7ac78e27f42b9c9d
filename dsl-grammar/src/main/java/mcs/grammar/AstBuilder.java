package mcs.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the immutable AST from a parse tree that has no syntax errors, and reports the mistakes
 * the grammar lets through: an argument named twice,
 * an unknown escape, a number too large, a {@code ++} symbol used as a name.
 */
final class AstBuilder extends McsBaseVisitor<Object> {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Everything reported so far, in the order found. */
    List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    Stmt statement(McsParser.SingleStatementContext ctx) {
        return statement(ctx.statement());
    }

    @Override
    public Stmt visitRecipeStatement(McsParser.RecipeStatementContext ctx) {
        return new Stmt.RecipeDef(name(ctx.name), TokenSpans.of(ctx.name), expr(ctx.expr()),
                span(ctx));
    }

    @Override
    public Stmt visitAssignStatement(McsParser.AssignStatementContext ctx) {
        return new Stmt.Assign(name(ctx.name), TokenSpans.of(ctx.name), expr(ctx.expr()),
                span(ctx));
    }

    @Override
    public Stmt visitForStatement(McsParser.ForStatementContext ctx) {
        String variable = name(ctx.name);
        Expr iterable = expr(ctx.expr());
        List<Stmt> body = new ArrayList<>();
        for (McsParser.StatementContext statement : ctx.block().statement()) {
            body.add(statement(statement));
        }
        return new Stmt.For(variable, TokenSpans.of(ctx.name), iterable, body, span(ctx));
    }

    @Override
    public Stmt visitExprStatement(McsParser.ExprStatementContext ctx) {
        return new Stmt.ExprStmt(expr(ctx.expr()), span(ctx));
    }

    /** {@code a | b | c} is {@code Pipe(Pipe(a, b), c)}; each span runs from {@code a}. */
    @Override
    public Expr visitExpr(McsParser.ExprContext ctx) {
        List<McsParser.UnaryContext> stages = ctx.unary();
        Expr result = expr(stages.get(0));
        for (McsParser.UnaryContext stage : stages.subList(1, stages.size())) {
            result = new Expr.Pipe(result, expr(stage), TokenSpans.of(ctx.start, stage.stop));
        }
        return result;
    }

    /** {@code --x} is {@code Negate(Negate(x))}; each span runs from its own minus. */
    @Override
    public Expr visitUnary(McsParser.UnaryContext ctx) {
        Expr result = expr(ctx.postfix());
        List<org.antlr.v4.runtime.tree.TerminalNode> minuses = ctx.MINUS();
        for (int i = minuses.size() - 1; i >= 0; i--) {
            result = new Expr.Negate(result, TokenSpans.of(minuses.get(i).getSymbol(), ctx.stop));
        }
        return result;
    }

    /** Calls, members and indexes apply left to right; each span runs from the primary. */
    @Override
    public Expr visitPostfix(McsParser.PostfixContext ctx) {
        Expr result = expr(ctx.primary());
        for (McsParser.SuffixContext suffix : ctx.suffix()) {
            SourceSpan span = TokenSpans.of(ctx.start, suffix.stop);
            if (suffix instanceof McsParser.CallSuffixContext call) {
                result = new Expr.Call(result, arguments(call.arguments()), span);
            } else if (suffix instanceof McsParser.MemberSuffixContext member) {
                result = new Expr.Member(result, name(member.name), span);
            } else {
                McsParser.IndexSuffixContext index = (McsParser.IndexSuffixContext) suffix;
                result = new Expr.Index(result, expr(index.expr()), span);
            }
        }
        return result;
    }

    private List<Expr.Arg> arguments(McsParser.ArgumentsContext ctx) {
        List<Expr.Arg> args = new ArrayList<>();
        if (ctx == null) {
            return args;
        }
        // positional arguments may follow named ones, as in
        // sequential(input=[28, 28, 1], conv(32, 3), flatten(), dense(10))
        Set<String> names = new HashSet<>();
        for (McsParser.ArgumentContext argument : ctx.argument()) {
            Expr.Arg arg = (Expr.Arg) visit(argument);
            if (arg.named() && !names.add(arg.name())) {
                diagnostics.add(Diagnostic.error("argument '" + arg.name() + "' is given twice",
                        arg.span()));
            }
            args.add(arg);
        }
        return args;
    }

    @Override
    public Expr.Arg visitNamedArgument(McsParser.NamedArgumentContext ctx) {
        return new Expr.Arg(name(ctx.name), expr(ctx.expr()), span(ctx));
    }

    @Override
    public Expr.Arg visitPositionalArgument(McsParser.PositionalArgumentContext ctx) {
        return new Expr.Arg(null, expr(ctx.expr()), span(ctx));
    }

    @Override
    public Expr visitNumberExpr(McsParser.NumberExprContext ctx) {
        return Literals.number(ctx.NUMBER().getSymbol(), diagnostics);
    }

    @Override
    public Expr visitStringExpr(McsParser.StringExprContext ctx) {
        return Literals.string(ctx.start, diagnostics);
    }

    @Override
    public Expr visitIdentExpr(McsParser.IdentExprContext ctx) {
        return new Expr.Ident(ctx.IDENT().getText(), span(ctx));
    }

    @Override
    public Expr visitListExpr(McsParser.ListExprContext ctx) {
        List<Expr> elements = new ArrayList<>();
        for (McsParser.ExprContext element : ctx.expr()) {
            elements.add(expr(element));
        }
        return new Expr.ListLit(elements, span(ctx));
    }

    /** Parentheses only group: {@code (a)} is {@code a} with its own span. */
    @Override
    public Expr visitParenExpr(McsParser.ParenExprContext ctx) {
        return expr(ctx.expr());
    }

    private Stmt statement(McsParser.StatementContext ctx) {
        return (Stmt) visit(ctx);
    }

    private Expr expr(ParserRuleContext ctx) {
        return (Expr) visit(ctx);
    }

    /** A name that binds or selects something; {@code kmeans++} is only a symbol. */
    private String name(Token token) {
        String name = token.getText();
        if (name.endsWith("++")) {
            diagnostics.add(Diagnostic.error("'" + name + "' cannot be used as a name here",
                    TokenSpans.of(token), "a trailing '++' is only for symbols in arguments, "
                            + "such as init=kmeans++"));
        }
        return name;
    }

    private static SourceSpan span(ParserRuleContext ctx) {
        return TokenSpans.of(ctx.start, ctx.stop);
    }
}
