package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Program;
import mcs.grammar.ast.Stmt;

/** Test helper: parses and prints ASTs as compact S-expressions without spans. */
final class Shapes {

    private Shapes() { }

    static ParseResult parse(String text) {
        return McsSyntax.parse(new SourceText("test.mcs", text));
    }

    static Program program(String text) {
        ParseResult result = parse(text);
        assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).program();
    }

    /** One line per top-level statement. */
    static List<String> shapes(String text) {
        return program(text).statements().stream().map(Shapes::print).toList();
    }

    /** The shape of a text that is one statement. */
    static String shape(String text) {
        List<String> shapes = shapes(text);
        assertThat(shapes).as("statements of %s", text).hasSize(1);
        return shapes.get(0);
    }

    /** The expression of a text that is one expression statement. */
    static Expr expr(String text) {
        List<Stmt> statements = program(text).statements();
        assertThat(statements).hasSize(1).first().isInstanceOf(Stmt.ExprStmt.class);
        return ((Stmt.ExprStmt) statements.get(0)).expr();
    }

    static String print(Stmt stmt) {
        if (stmt instanceof Stmt.Assign a) {
            return "(= " + a.name() + " " + print(a.value()) + ")";
        } else if (stmt instanceof Stmt.RecipeDef r) {
            return "(recipe " + r.name() + " " + print(r.body()) + ")";
        } else if (stmt instanceof Stmt.For f) {
            return "(for " + f.variable() + " " + print(f.iterable()) + body(f.body()) + ")";
        } else if (stmt instanceof Stmt.If i) {
            String branches = i.branches().stream()
                    .map(b -> " (" + print(b.condition()) + body(b.body()) + ")")
                    .collect(Collectors.joining());
            return "(if" + branches + (i.otherwise().isEmpty() ? ""
                    : " (else" + body(i.otherwise()) + ")") + ")";
        } else if (stmt instanceof Stmt.FunctionDef d) {
            String params = d.parameters().stream()
                    .map(p -> p.required() ? p.name() : p.name() + "=" + print(p.defaultValue()))
                    .collect(Collectors.joining(" ", "(", ")"));
            return "(def " + d.name() + " " + params + body(d.body()) + ")";
        } else if (stmt instanceof Stmt.Return r) {
            return r.value() == null ? "(return)" : "(return " + print(r.value()) + ")";
        }
        return print(((Stmt.ExprStmt) stmt).expr());
    }

    private static String body(List<Stmt> body) {
        return body.stream().map(s -> " " + print(s)).collect(Collectors.joining());
    }

    static String print(Expr expr) {
        if (expr instanceof Expr.NumberLit n) {
            return BigDecimal.valueOf(n.value()).stripTrailingZeros().toPlainString();
        } else if (expr instanceof Expr.StringLit s) {
            return '"' + s.value().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n").replace("\t", "\\t") + '"';
        } else if (expr instanceof Expr.Ident i) {
            return i.name();
        } else if (expr instanceof Expr.ListLit l) {
            return l.elements().stream().map(Shapes::print)
                    .collect(Collectors.joining(", ", "[", "]"));
        } else if (expr instanceof Expr.Call c) {
            String args = c.args().stream()
                    .map(a -> " " + (a.named() ? a.name() + "=" : "") + print(a.value()))
                    .collect(Collectors.joining());
            return "(call " + print(c.callee()) + args + ")";
        } else if (expr instanceof Expr.Member m) {
            return "(. " + print(m.target()) + " " + m.name() + ")";
        } else if (expr instanceof Expr.Index i) {
            return "(index " + print(i.target()) + " " + print(i.index()) + ")";
        } else if (expr instanceof Expr.Negate n) {
            return "(- " + print(n.operand()) + ")";
        } else if (expr instanceof Expr.BoolLit b) {
            return Boolean.toString(b.value());
        } else if (expr instanceof Expr.Binary b) {
            return "(" + b.operator().symbol() + " " + print(b.left()) + " " + print(b.right())
                    + ")";
        } else if (expr instanceof Expr.Not n) {
            return "(not " + print(n.operand()) + ")";
        } else if (expr instanceof Expr.Conditional c) {
            return "(?: " + print(c.condition()) + " " + print(c.then()) + " "
                    + print(c.otherwise()) + ")";
        } else if (expr instanceof Expr.RecordLit r) {
            return r.fields().stream().map(f -> f.name() + ": " + print(f.value()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        Expr.Pipe p = (Expr.Pipe) expr;
        return "(| " + print(p.left()) + " " + print(p.right()) + ")";
    }
}
