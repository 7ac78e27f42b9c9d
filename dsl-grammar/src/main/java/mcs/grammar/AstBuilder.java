package mcs.grammar;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

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
        return new Stmt.For(variable, TokenSpans.of(ctx.name), iterable, block(ctx.block()),
                span(ctx));
    }

    @Override
    public Stmt visitExprStatement(McsParser.ExprStatementContext ctx) {
        return new Stmt.ExprStmt(expr(ctx.expr()), span(ctx));
    }

    @Override
    public Stmt visitDefStatement(McsParser.DefStatementContext ctx) {
        List<Stmt.Parameter> parameters = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean optional = false;
        List<McsParser.ParameterContext> declared = ctx.parameters() == null ? List.of()
                : ctx.parameters().parameter();
        for (McsParser.ParameterContext p : declared) {
            String name = name(p.name);
            Expr defaultValue = p.expr() == null ? null : expr(p.expr());
            if (!names.add(name)) {
                diagnostics.add(Diagnostic.error("parameter '" + name + "' is declared twice",
                        TokenSpans.of(p.name)));
            } else if (optional && defaultValue == null) {
                diagnostics.add(Diagnostic.error("parameter '" + name + "' needs a default: it "
                        + "follows a parameter that has one", TokenSpans.of(p.name)));
            }
            optional |= defaultValue != null;
            parameters.add(new Stmt.Parameter(name, defaultValue, span(p)));
        }
        return new Stmt.FunctionDef(name(ctx.name), TokenSpans.of(ctx.name), parameters,
                block(ctx.block()), span(ctx));
    }

    @Override
    public Stmt visitIfStatement(McsParser.IfStatementContext ctx) {
        List<Stmt.Branch> branches = new ArrayList<>();
        List<McsParser.BlockContext> blocks = ctx.block();
        for (int i = 0; i < ctx.expr().size(); i++) {
            branches.add(new Stmt.Branch(expr(ctx.expr(i)), block(blocks.get(i))));
        }
        List<Stmt> otherwise = blocks.size() > branches.size()
                ? block(blocks.get(blocks.size() - 1)) : List.of();
        return new Stmt.If(branches, otherwise, span(ctx));
    }

    @Override
    public Stmt visitReturnStatement(McsParser.ReturnStatementContext ctx) {
        return new Stmt.Return(ctx.expr() == null ? null : expr(ctx.expr()), span(ctx));
    }

    private List<Stmt> block(McsParser.BlockContext ctx) {
        List<Stmt> body = new ArrayList<>();
        for (McsParser.StatementContext statement : ctx.statement()) {
            body.add(statement(statement));
        }
        return body;
    }

    /**
     * {@code a if c else b if d else e} is {@code Conditional(c, a, Conditional(d, b, e))}, as
     * in Python; each span runs to the end.
     */
    @Override
    public Expr visitExpr(McsParser.ExprContext ctx) {
        List<McsParser.PipelineContext> parts = ctx.pipeline();
        Expr result = expr(parts.get(parts.size() - 1));
        for (int i = parts.size() - 3; i >= 0; i -= 2) {
            result = new Expr.Conditional(expr(parts.get(i + 1)), expr(parts.get(i)), result,
                    TokenSpans.of(parts.get(i).start, ctx.stop));
        }
        return result;
    }

    /** {@code a | b | c} is {@code Pipe(Pipe(a, b), c)}; each span runs from {@code a}. */
    @Override
    public Expr visitPipeline(McsParser.PipelineContext ctx) {
        List<McsParser.DisjunctionContext> stages = ctx.disjunction();
        Expr result = expr(stages.get(0));
        for (McsParser.DisjunctionContext stage : stages.subList(1, stages.size())) {
            result = new Expr.Pipe(result, expr(stage), TokenSpans.of(ctx.start, stage.stop));
        }
        return result;
    }

    @Override
    public Expr visitDisjunction(McsParser.DisjunctionContext ctx) {
        return leftFold(ctx, ctx.conjunction(), ctx.OR().stream().map(TerminalNode::getSymbol)
                .toList());
    }

    @Override
    public Expr visitConjunction(McsParser.ConjunctionContext ctx) {
        return leftFold(ctx, ctx.negation(), ctx.AND().stream().map(TerminalNode::getSymbol)
                .toList());
    }

    /** {@code not not x} is {@code Not(Not(x))}; each span runs from its own {@code not}. */
    @Override
    public Expr visitNegation(McsParser.NegationContext ctx) {
        Expr result = expr(ctx.comparison());
        List<TerminalNode> nots = ctx.NOT();
        for (int i = nots.size() - 1; i >= 0; i--) {
            result = new Expr.Not(result, TokenSpans.of(nots.get(i).getSymbol(), ctx.stop));
        }
        return result;
    }

    @Override
    public Expr visitComparison(McsParser.ComparisonContext ctx) {
        return leftFold(ctx, ctx.sum(), ctx.op == null ? List.of() : List.of(ctx.op));
    }

    @Override
    public Expr visitSum(McsParser.SumContext ctx) {
        return leftFold(ctx, ctx.product(), ctx.op);
    }

    @Override
    public Expr visitProduct(McsParser.ProductContext ctx) {
        return leftFold(ctx, ctx.unary(), ctx.op);
    }

    /** {@code a - b - c} is {@code (a - b) - c}; each span runs from {@code a}. */
    private Expr leftFold(ParserRuleContext ctx, List<? extends ParserRuleContext> operands,
                          List<Token> operators) {
        Expr result = expr(operands.get(0));
        for (int i = 0; i < operators.size(); i++) {
            ParserRuleContext right = operands.get(i + 1);
            result = new Expr.Binary(operator(operators.get(i)), result, expr(right),
                    TokenSpans.of(operators.get(i)), TokenSpans.of(ctx.start, right.stop));
        }
        return result;
    }

    private static Expr.Operator operator(Token token) {
        return switch (token.getType()) {
            case McsLexer.PLUS -> Expr.Operator.ADD;
            case McsLexer.MINUS -> Expr.Operator.SUBTRACT;
            case McsLexer.STAR -> Expr.Operator.MULTIPLY;
            case McsLexer.SLASH -> Expr.Operator.DIVIDE;
            case McsLexer.POW -> Expr.Operator.POWER;
            case McsLexer.EQ -> Expr.Operator.EQUAL;
            case McsLexer.NE -> Expr.Operator.NOT_EQUAL;
            case McsLexer.LT -> Expr.Operator.LESS;
            case McsLexer.LE -> Expr.Operator.LESS_EQUAL;
            case McsLexer.GT -> Expr.Operator.GREATER;
            case McsLexer.GE -> Expr.Operator.GREATER_EQUAL;
            case McsLexer.AND -> Expr.Operator.AND;
            case McsLexer.OR -> Expr.Operator.OR;
            default -> throw new IllegalArgumentException("not an operator: " + token.getText());
        };
    }

    /** {@code --x} is {@code Negate(Negate(x))}; each span runs from its own minus. */
    @Override
    public Expr visitUnary(McsParser.UnaryContext ctx) {
        return negated(ctx.MINUS().stream().map(TerminalNode::getSymbol).toList(), expr(ctx.power()),
                ctx.stop);
    }

    private static Expr negated(List<Token> minuses, Expr operand, Token stop) {
        Expr result = operand;
        for (int i = minuses.size() - 1; i >= 0; i--) {
            result = new Expr.Negate(result, TokenSpans.of(minuses.get(i), stop));
        }
        return result;
    }

    /**
     * {@code a ** b ** c} is {@code a ** (b ** c)}, and a minus after {@code **} takes the
     * power to its right: {@code 2 ** -x ** 2} is {@code 2 ** -(x ** 2)}, as in Python.
     */
    @Override
    public Expr visitPower(McsParser.PowerContext ctx) {
        List<McsParser.PostfixContext> operands = new ArrayList<>();
        List<List<Token>> minuses = new ArrayList<>();
        List<Token> operators = new ArrayList<>();
        List<Token> pending = new ArrayList<>();
        for (ParseTree child : ctx.children) {
            if (child instanceof McsParser.PostfixContext operand) {
                operands.add(operand);
                minuses.add(pending);
                pending = new ArrayList<>();
            } else {
                Token token = ((TerminalNode) child).getSymbol();
                if (token.getType() == McsLexer.POW) {
                    operators.add(token);
                } else {
                    pending.add(token);
                }
            }
        }
        int last = operands.size() - 1;
        Expr result = negated(minuses.get(last), expr(operands.get(last)), ctx.stop);
        for (int i = last - 1; i >= 0; i--) {
            result = negated(minuses.get(i), new Expr.Binary(Expr.Operator.POWER,
                    expr(operands.get(i)), result, TokenSpans.of(operators.get(i)),
                    TokenSpans.of(operands.get(i).start, ctx.stop)), ctx.stop);
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

    @Override
    public Expr visitBoolExpr(McsParser.BoolExprContext ctx) {
        return new Expr.BoolLit(ctx.TRUE() != null, span(ctx));
    }

    @Override
    public Expr visitRecordExpr(McsParser.RecordExprContext ctx) {
        List<Expr.Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (McsParser.FieldContext field : ctx.field()) {
            String name = name(field.name);
            if (!names.add(name)) {
                diagnostics.add(Diagnostic.error("field '" + name + "' is given twice",
                        TokenSpans.of(field.name)));
            }
            fields.add(new Expr.Field(name, TokenSpans.of(field.name), expr(field.expr())));
        }
        return new Expr.RecordLit(fields, span(ctx));
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
