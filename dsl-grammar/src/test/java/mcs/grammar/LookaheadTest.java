package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.DecisionInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser looks ahead a bounded number of tokens per token, so parsing takes time linear in
 * the text. Counted with ANTLR's profiler (tokens examined by every prediction), not timed:
 * a grammar rule that two loops can both match, as {@code sep* sep*} around an empty block
 * was, makes each prediction scan to the end of the run, n * n / 2 tokens in all.
 */
class LookaheadTest {

    private static final int N = 2000;

    @ParameterizedTest
    @ValueSource(strings = {"if true { %s }", "def f() { %s }", "for s in x { %s }",
            "if true { x } else { %s }", "if true { x %s }", "if true { %s x }", "%s",
            "x = {%s}", "x = {a: 1%s}", "x = {a: 1,%s b: 2}", "f(%s)", "[%s]"})
    void lookaheadIsBoundedPerToken(String shape) {
        for (String sep : List.of(";", "\n", "; \n")) {
            String text = String.format(shape, sep.repeat(N));
            List<Token> tokens = LineContinuation.join(McsSyntax.lex(new SourceText("t.mcs", text)));
            McsParser parser = new McsParser(new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            parser.setProfile(true);
            parser.program();
            long looked = 0;
            for (DecisionInfo d : parser.getParseInfo().getDecisionInfo()) {
                looked += d.SLL_TotalLook + d.LL_TotalLook;
            }
            assertThat(looked).as("tokens examined parsing %s with %d separators %s",
                    shape, N, sep.replace("\n", "\\n")).isLessThan(20L * tokens.size());
        }
    }
}
