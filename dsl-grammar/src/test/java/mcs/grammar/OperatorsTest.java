package mcs.grammar;

import static mcs.grammar.Shapes.expr;
import static mcs.grammar.Shapes.parse;
import static mcs.grammar.Shapes.shape;
import static mcs.grammar.Shapes.shapes;
import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.ast.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operators, their precedence and associativity, and the forms built on them. */
class OperatorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '`', quoteCharacter = '"', value = {
        "1 + 2 * 3                 ` (+ 1 (* 2 3))",
        "(1 + 2) * 3               ` (* (+ 1 2) 3)",
        "1 - 2 - 3                 ` (- (- 1 2) 3)",
        "8 / 4 / 2                 ` (/ (/ 8 4) 2)",
        "2 ** 3 ** 2               ` (** 2 (** 3 2))",
        "-2 ** 2                   ` (- (** 2 2))",
        "2 ** -1                   ` (** 2 (- 1))",
        "2 ** -x ** 2              ` (** 2 (- (** x 2)))",
        "-a * b                    ` (* (- a) b)",
        "a * b ** 2                ` (* a (** b 2))",
        "a + b < c * d             ` (< (+ a b) (* c d))",
        "a == b and c != d         ` (and (== a b) (!= c d))",
        "a or b and c              ` (or a (and b c))",
        "not a and b               ` (and (not a) b)",
        "not not a                 ` (not (not a))",
        "not a < b                 ` (not (< a b))",
        "a <= b or a >= b          ` (or (<= a b) (>= a b))",
        "size(a) / size(b)         ` (/ (call size a) (call size b))",
        "m | prune(0.5 + 0.3)      ` (| m (call prune (+ 0.5 0.3)))",
        "m | f + 1                 ` (| m (+ f 1))",
        "a + b | f                 ` (| (+ a b) f)",
        "x.acc * 100               ` (* (. x acc) 100)",
        "xs[0] + xs[1]             ` (+ (index xs 0) (index xs 1))",
        "80% * 2                   ` (* 0.8 2)",
        "a if c else b             ` (?: c a b)",
        "a if c else b if d else e ` (?: c a (?: d b e))",
        "m | f if big else m       ` (?: big (| m f) m)",
        "1 if a > b else 2         ` (?: (> a b) 1 2)",
        "true and false            ` (and true false)",
        "kmeans++                  ` kmeans++",
        "n + 1                     ` (+ n 1)",
    })
    void precedenceAndAssociativity(String text, String expected) {
        assertThat(shape(text.strip())).isEqualTo(expected.strip());
    }

    @Test
    void operatorSpansPointAtTheOperator() {
        Expr.Binary sum = (Expr.Binary) expr("ab + 1");
        assertThat(sum.operatorSpan()).isEqualTo(new SourceSpan(1, 4, 1, 5));
        assertThat(sum.span()).isEqualTo(new SourceSpan(1, 1, 1, 7));
        Expr.Binary power = (Expr.Binary) expr("2 ** 3");
        assertThat(power.operatorSpan()).isEqualTo(new SourceSpan(1, 3, 1, 5));
    }

    @Test
    void comparisonsDoNotChain() {
        assertThat(parse("a < b < c")).isInstanceOf(ParseResult.Failed.class);
        ParseResult.Failed failed = (ParseResult.Failed) parse("a < b < c");
        assertThat(failed.diagnostics().get(0).message()).isEqualTo("unexpected '<'");
    }

    @Test
    void ifElseChains() {
        assertThat(shape("if a { x = 1 }")).isEqualTo("(if (a (= x 1)))");
        assertThat(shape("if a { f() } else { g() }")).isEqualTo("(if (a (call f)) (else (call g)))");
        assertThat(shape("if a > 1 {\n  f()\n} else if b {\n  g()\n} else {\n  h()\n}"))
                .isEqualTo("(if ((> a 1) (call f)) (b (call g)) (else (call h)))");
        assertThat(shape("if a {}")).isEqualTo("(if (a))");
    }

    @Test
    void elseMayStartTheNextLine() {
        assertThat(shapes("if a {\n  f()\n}\nelse {\n  g()\n}\nh()"))
                .containsExactly("(if (a (call f)) (else (call g)))", "(call h)");
        assertThat(shapes("x = 1 if a\n  else 2")).containsExactly("(= x (?: a 1 2))");
    }

    @Test
    void functionDefinitions() {
        assertThat(shape("def f() { 1 }")).isEqualTo("(def f () 1)");
        assertThat(shape("def f(a, b=2) {\n  c = a * b\n  return c + 1\n}"))
                .isEqualTo("(def f (a b=2) (= c (* a b)) (return (+ c 1)))");
        assertThat(shape("def f(m, s=0.5,) { m | prune(s) }"))
                .isEqualTo("(def f (m s=0.5) (| m (call prune s)))");
        assertThat(shape("def f() { return }")).isEqualTo("(def f () (return))");
        assertThat(shape("def outer(n) { def inner(x) { x + n }; inner }"))
                .isEqualTo("(def outer (n) (def inner (x) (+ x n)) inner)");
    }

    @Test
    void parameterMistakes() {
        ParseResult.Failed twice = (ParseResult.Failed) parse("def f(a, a) { a }");
        assertThat(twice.diagnostics().get(0).message()).isEqualTo("parameter 'a' is declared twice");
        ParseResult.Failed order = (ParseResult.Failed) parse("def f(a=1, b) { a }");
        assertThat(order.diagnostics().get(0).message())
                .isEqualTo("parameter 'b' needs a default: it follows a parameter that has one");
    }

    @Test
    void recordLiterals() {
        assertThat(shape("{name: \"small\", acc: 0.9}")).isEqualTo("{name: \"small\", acc: 0.9}");
        assertThat(shape("{}")).isEqualTo("{}");
        assertThat(shape("r = {\n  a: 1,\n  b: 2 + 3,\n}")).isEqualTo("(= r {a: 1, b: (+ 2 3)})");
        assertThat(shape("{a: {b: 1}}.a.b")).isEqualTo("(. (. {a: {b: 1}} a) b)");
        assertThat(shape("rows = rows + [{s: s}]")).isEqualTo("(= rows (+ rows [{s: s}]))");
        assertThat(shape("for s in xs { {s: s} }")).isEqualTo("(for s xs {s: s})");
        ParseResult.Failed twice = (ParseResult.Failed) parse("{a: 1, a: 2}");
        assertThat(twice.diagnostics().get(0).message()).isEqualTo("field 'a' is given twice");
    }

    @Test
    void missingPiecesAreNamed() {
        assertThat(message("x = 1 +")).isEqualTo("expected an expression after '+'");
        assertThat(message("{a 1}")).isEqualTo("unexpected '1', expected ':'");
        assertThat(message("x = a if b")).isEqualTo("expected 'else' after 'b'");
        assertThat(message("if a\n{ f() }")).isEqualTo("expected '{' after 'a'");
        assertThat(message("else { f() }")).startsWith("unexpected 'else'");
    }

    @Test
    void openBlocksAreIncomplete() {
        assertThat(McsSyntax.parse(new SourceText("t", "if a {\n  f()")))
                .isInstanceOf(ParseResult.Incomplete.class);
        assertThat(McsSyntax.parse(new SourceText("t", "def f(x) {")))
                .isInstanceOf(ParseResult.Incomplete.class);
        assertThat(McsSyntax.parse(new SourceText("t", "r = {a: 1,")))
                .isInstanceOf(ParseResult.Incomplete.class);
        assertThat(McsSyntax.parse(new SourceText("t", "if a {\n  f()\n} else {")))
                .isInstanceOf(ParseResult.Incomplete.class);
        assertThat(McsSyntax.parse(new SourceText("t", "if a {\n  f()\n}")))
                .isInstanceOf(ParseResult.Parsed.class);
    }

    private static String message(String text) {
        return ((ParseResult.Failed) parse(text)).diagnostics().get(0).message();
    }
}
