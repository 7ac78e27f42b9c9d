package mcs.grammar;

import static mcs.grammar.Shapes.expr;
import static mcs.grammar.Shapes.program;
import static mcs.grammar.Shapes.shape;
import static mcs.grammar.Shapes.shapes;
import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.ast.Expr;
import mcs.grammar.ast.Stmt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsingTest {

    @Test
    void assignment() {
        assertThat(shape("x = 3")).isEqualTo("(= x 3)");
        Stmt.Assign assign = (Stmt.Assign) program("base = load(\"m.onnx\")").statements().get(0);
        assertThat(assign.name()).isEqualTo("base");
        assertThat(shape("base = load(\"m.onnx\")")).isEqualTo("(= base (call load \"m.onnx\"))");
    }

    @Test
    void expressionStatement() {
        assertThat(program("accuracy(small)").statements().get(0))
                .isInstanceOf(Stmt.ExprStmt.class);
        assertThat(shape("accuracy(small)")).isEqualTo("(call accuracy small)");
    }

    @Test
    void recipeIsAHeadlessPipeline() {
        assertThat(shape("recipe deep = prune(0.9) | cluster(16)"))
                .isEqualTo("(recipe deep (| (call prune 0.9) (call cluster 16)))");
        Stmt.RecipeDef recipe = (Stmt.RecipeDef) program("recipe one = prune(0.5)")
                .statements().get(0);
        assertThat(recipe.name()).isEqualTo("one");
        assertThat(recipe.body()).isInstanceOf(Expr.Call.class);
    }

    @Test
    void forLoop() {
        assertThat(shape("for s in [0.5, 0.8] {\n  m = base | prune(s)\n  accuracy(m)\n}"))
                .isEqualTo("(for s [0.5, 0.8] (= m (| base (call prune s))) (call accuracy m))");
        assertThat(shape("for s in xs { print(s); print(s) }"))
                .isEqualTo("(for s xs (call print s) (call print s))");
        assertThat(shape("for s in xs {}")).isEqualTo("(for s xs)");
        assertThat(shape("for s in xs {\n\n  # nothing\n\n}")).isEqualTo("(for s xs)");
        assertThat(shape("for a in xs {\n for b in ys {\n  f(a, b)\n }\n}"))
                .isEqualTo("(for a xs (for b ys (call f a b)))");
    }

    @Test
    void commentsAndBlankLines() {
        assertThat(shapes("# header\n\n x = 1  # the answer\n\n\n# trailing\ny = 2\n"))
                .containsExactly("(= x 1)", "(= y 2)");
        assertThat(shapes("")).isEmpty();
        assertThat(shapes("  \n# only a comment\n\n")).isEmpty();
    }

    @Test
    void semicolonsSeparateStatements() {
        assertThat(shapes("x = 1; y = 2;z = 3")).containsExactly("(= x 1)", "(= y 2)", "(= z 3)");
        assertThat(shapes(";; x = 1 ;\n; y = 2;")).containsExactly("(= x 1)", "(= y 2)");
    }

    @Test
    void windowsAndOldMacLineEnds() {
        assertThat(shapes("x = 1\r\ny = 2\rz = 3\r\n"))
                .containsExactly("(= x 1)", "(= y 2)", "(= z 3)");
    }

    @ParameterizedTest
    @CsvSource({
        "3, 3.0, false", "0.8, 0.8, false", ".5, 0.5, false", "1e-5, 0.00001, false",
        "2.5E3, 2500, false", "1E+2, 100, false", "80%, 0.8, true", "12.5%, 0.125, true",
        "33.3%, 0.333, true", "1e2%, 1, true",
    })
    void numbers(String text, double value, boolean percent) {
        Expr.NumberLit number = (Expr.NumberLit) expr(text);
        assertThat(number.value()).isEqualTo(value);
        assertThat(number.percent()).isEqualTo(percent);
        assertThat(number.text()).isEqualTo(text);
    }

    @Test
    void stringsResolveEscapes() {
        assertThat(((Expr.StringLit) expr("\"a\\nb\\tc\\\\d\\\"e\\'f\"")).value())
                .isEqualTo("a\nb\tc\\d\"e'f");
        assertThat(((Expr.StringLit) expr("'it\\'s \"fine\"'")).value()).isEqualTo("it's \"fine\"");
        assertThat(((Expr.StringLit) expr("''")).value()).isEmpty();
        assertThat(((Expr.StringLit) expr("\"# not a comment\"")).value())
                .isEqualTo("# not a comment");
        assertThat(((Expr.StringLit) expr("\"two\nlines\"")).value()).isEqualTo("two\nlines");
    }

    @Test
    void lists() {
        assertThat(shape("[]")).isEqualTo("[]");
        assertThat(shape("[1]")).isEqualTo("[1]");
        assertThat(shape("[1, 2, 3,]")).isEqualTo("[1, 2, 3]");
        assertThat(shape("[[1, 2], [], 'a']")).isEqualTo("[[1, 2], [], \"a\"]");
    }

    @Test
    void callsWithPositionalAndNamedArguments() {
        assertThat(shape("f()")).isEqualTo("(call f)");
        assertThat(shape("f(1, x=2, schedule=poly)")).isEqualTo("(call f 1 x=2 schedule=poly)");
        assertThat(shape("f(a = 1, b = [2],)")).isEqualTo("(call f a=1 b=[2])");
        assertThat(shape("f(g(1))(2)")).isEqualTo("(call (call f (call g 1)) 2)");
        Expr.Call call = (Expr.Call) expr("f(1, x=2)");
        assertThat(call.args()).extracting(Expr.Arg::named).containsExactly(false, true);
    }

    @Test
    void symbolsWithPlusPlus() {
        assertThat(shape("cluster(16, init=kmeans++)"))
                .isEqualTo("(call cluster 16 init=kmeans++)");
        assertThat(((Expr.Ident) ((Expr.Call) expr("f(kmeans++)")).args().get(0).value()).name())
                .isEqualTo("kmeans++");
    }

    @Test
    void memberAccessAndIndexing() {
        assertThat(shape("data.test")).isEqualTo("(. data test)");
        assertThat(shape("model.layers[2]")).isEqualTo("(index (. model layers) 2)");
        assertThat(shape("model.layers[2].weights"))
                .isEqualTo("(. (index (. model layers) 2) weights)");
        assertThat(shape("a.b(1).c")).isEqualTo("(. (call (. a b) 1) c)");
        assertThat(shape("xs[i | f]")).isEqualTo("(index xs (| i f))");
    }

    @Test
    void negation() {
        assertThat(shape("-3")).isEqualTo("(- 3)");
        assertThat(shape("--x")).isEqualTo("(- (- x))");
        assertThat(shape("-a.b[0]")).isEqualTo("(- (index (. a b) 0))");
        assertThat(shape("f(-1e-5)")).isEqualTo("(call f (- 0.00001))");
        assertThat(shape("-x | f")).isEqualTo("(| (- x) f)");
    }

    @Test
    void pipelinesAreLeftAssociative() {
        assertThat(shape("a | b | c")).isEqualTo("(| (| a b) c)");
        assertThat(shape("m = base | prune(0.8, schedule=poly) | finetune(data, epochs=2)"))
                .isEqualTo("(= m (| (| base (call prune 0.8 schedule=poly)) "
                        + "(call finetune data epochs=2)))");
        assertThat(shape("a | (b | c)")).isEqualTo("(| a (| b c))");
        assertThat(shape("f(a | b, x=c | d)")).isEqualTo("(call f (| a b) x=(| c d))");
        assertThat(shape("[a | b, c]")).isEqualTo("[(| a b), c]");
        assertThat(shape("model | deep")).isEqualTo("(| model deep)");
    }

    @Test
    void parenthesesGroup() {
        assertThat(shape("(x)")).isEqualTo("x");
        assertThat(shape("(a | b).c")).isEqualTo("(. (| a b) c)");
    }

    @Test
    void keywordsArePrefixesOfNames() {
        assertThat(shapes("recipes = 1\nformat = 2\ninput = 3"))
                .containsExactly("(= recipes 1)", "(= format 2)", "(= input 3)");
    }

    @Test
    void programKeepsItsSource() {
        SourceText source = new SourceText("a.mcs", "x = 1");
        ParseResult.Parsed parsed = (ParseResult.Parsed) McsSyntax.parse(source);
        assertThat(parsed.program().source()).isEqualTo(source);
    }
}
