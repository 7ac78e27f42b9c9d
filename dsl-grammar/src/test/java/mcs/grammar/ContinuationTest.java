package mcs.grammar;

import static mcs.grammar.Shapes.shape;
import static mcs.grammar.Shapes.shapes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContinuationTest {

    @Test
    void insideParenthesesAndBrackets() {
        assertThat(shape("f(\n  1,\n\n  x = 2 # two\n)")).isEqualTo("(call f 1 x=2)");
        assertThat(shape("xs = [\n  1,\n  2,\n]")).isEqualTo("(= xs [1, 2])");
        assertThat(shape("(a\n | b)")).isEqualTo("(| a b)");
        assertThat(shape("m[\n0\n]")).isEqualTo("(index m 0)");
    }

    @Test
    void lineEndingInPipe() {
        assertThat(shape("small = base |\n  prune(0.8) |\n  cluster(16)"))
                .isEqualTo("(= small (| (| base (call prune 0.8)) (call cluster 16)))");
        assertThat(shape("a | # comment\n\n# more\n  b")).isEqualTo("(| a b)");
    }

    @Test
    void lineStartingWithPipe() {
        assertThat(shapes("small = base\n  | prune(0.8)\n  | cluster(16)\nnext = 1"))
                .containsExactly("(= small (| (| base (call prune 0.8)) (call cluster 16)))",
                        "(= next 1)");
        assertThat(shape("a\n\n# comment\n   \n| b")).isEqualTo("(| a b)");
        assertThat(shape("recipe r = prune(0.9)\n  | cluster(16)"))
                .isEqualTo("(recipe r (| (call prune 0.9) (call cluster 16)))");
    }

    @Test
    void newlinesSeparateStatementsInsideBlocks() {
        assertThat(shape("for x in [\n1,\n2] {\n  a = x\n    | f\n  b = a |\n g\n}"))
                .isEqualTo("(for x [1, 2] (= a (| x f)) (= b (| a g)))");
    }

    @Test
    void bracketsInsideABlockInsideParenthesesStillContinue() {
        assertThat(shape("for x in xs {\n  f(x,\n    2)\n}")).isEqualTo("(for x xs (call f x 2))");
    }
}
