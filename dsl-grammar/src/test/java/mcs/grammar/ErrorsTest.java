package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    private static List<Diagnostic> errors(String text) {
        ParseResult result = Shapes.parse(text);
        assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Failed.class);
        return ((ParseResult.Failed) result).diagnostics();
    }

    private static Diagnostic first(String text) {
        return errors(text).get(0);
    }

    @Test
    void doubleCommaInCall() {
        Diagnostic error = first("x = prune(0.8,, 2)");
        assertThat(error.span().toString()).isEqualTo("1:15");
        assertThat(error.message()).isEqualTo("unexpected ',', expected an expression or ')'");
        assertThat(error.severity()).isEqualTo(Diagnostic.Severity.ERROR);
    }

    @Test
    void closingParenWhereAnExpressionBelongs() {
        Diagnostic error = first("x = )");
        assertThat(error.span()).isEqualTo(new SourceSpan(1, 5, 1, 6));
        assertThat(error.message()).isEqualTo("unexpected ')' with no matching '('");
        assertThat(first("f(x = )").message()).isEqualTo("unexpected ')', expected an expression");
    }

    @Test
    void unknownCharacterIsLocated() {
        Diagnostic error = first("x = 1\ny = f($)");
        assertThat(error.span()).isEqualTo(new SourceSpan(2, 7, 2, 8));
        assertThat(error.message()).isEqualTo("unexpected character '$'");
        assertThat(first("x = 1 \u0007").message()).isEqualTo("unexpected character U+0007");
    }

    @Test
    void nothingAfterEquals() {
        Diagnostic error = first("x = ");
        assertThat(error.message()).isEqualTo("expected an expression after '='");
        assertThat(error.span().toString()).isEqualTo("1:4");
        assertThat(first("x =\ny = 2").message()).isEqualTo("expected an expression after '='");
        assertThat(first("x = ; y = 2").span().toString()).isEqualTo("1:4");
    }

    @Test
    void missingClosingParenFoundOnALaterLine() {
        Diagnostic error = first("x = f(1\ny = 2");
        assertThat(error.message()).isEqualTo("missing ')' to close '(' at 1:6");
        assertThat(error.span().toString()).isEqualTo("1:8");
    }

    @Test
    void mismatchedCloser() {
        Diagnostic error = first("f(1]");
        assertThat(error.message()).isEqualTo("mismatched ']': expected ')' to close '(' at 1:2");
        assertThat(error.span().toString()).isEqualTo("1:4");
    }

    @Test
    void positionalAfterNamedIsAllowed() {
        ParseResult r = McsSyntax.parse(new SourceText("t", "f(1, x=2, 3)"));
        assertThat(r).isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void malformedNumbers() {
        Diagnostic error = first("x = 3x");
        assertThat(error.message()).isEqualTo("malformed number '3x'");
        assertThat(error.span()).isEqualTo(new SourceSpan(1, 5, 1, 7));
        assertThat(first("x = 1e").message()).isEqualTo("malformed number '1e'");
        assertThat(first("x = 1.2.3").message()).isEqualTo("malformed number '1.2.3'");
    }

    @Test
    void argumentNamedTwice() {
        assertThat(first("f(x=1, x=2)").message()).isEqualTo("argument 'x' is given twice");
    }

    @Test
    void twoExpressionsOnOneLine() {
        Diagnostic error = first("x = 1 2");
        assertThat(error.message()).isEqualTo("unexpected '2'");
        assertThat(error.hint()).isEqualTo("separate statements with a new line or ';'");
        assertThat(error.span().toString()).isEqualTo("1:7");
    }

    @Test
    void statementShapes() {
        assertThat(first("recipe = 3").message()).isEqualTo("unexpected '=', expected a name");
        assertThat(first("recipe r prune(1)").message())
                .isEqualTo("unexpected 'prune', expected '='");
        assertThat(first("for x of xs {}").message()).isEqualTo("unexpected 'of', expected 'in'");
        Diagnostic brace = first("for x in xs\n{ f(x) }");
        assertThat(brace.message()).isEqualTo("expected '{' after 'xs'");
        assertThat(brace.hint()).contains("same line");
        assertThat(first("a.").message()).isEqualTo("expected a name after '.'");
        assertThat(first("| f").message()).isEqualTo("unexpected '|', expected an expression");
        assertThat(first("f(1 2)").message()).isEqualTo("unexpected '2', expected ',' or ')'");
        assertThat(first("[1 2]").message()).isEqualTo("unexpected '2', expected ',' or ']'");
        assertThat(first("[1,,2]").message())
                .isEqualTo("unexpected ',', expected an expression or ']'");
        assertThat(first("f(,)").message())
                .isEqualTo("unexpected ',', expected an expression or ')'");
        assertThat(first("f(1; 2)").message()).isEqualTo("unexpected ';', expected ',' or ')'");
    }

    @Test
    void plusPlusOnlyForSymbols() {
        Diagnostic error = first("kmeans++ = 3");
        assertThat(error.message()).isEqualTo("'kmeans++' cannot be used as a name here");
        assertThat(first("f(a++=1)").message()).isEqualTo("'a++' cannot be used as a name here");
    }

    @Test
    void badLiterals() {
        Diagnostic escape = first("s = 'a\\qb'");
        assertThat(escape.message()).isEqualTo("unknown escape '\\q'");
        assertThat(escape.span()).isEqualTo(new SourceSpan(1, 7, 1, 9));
        assertThat(first("x = 1e999").message()).isEqualTo("number 1e999 is too large");
        assertThat(first("x = 1e99999999999").message())
                .isEqualTo("number 1e99999999999 is too large");
    }

    @Test
    void oneErrorPerStatementAllStatementsChecked() {
        List<Diagnostic> errors = errors("x = )\ny = 2\nz = [,]\nw = f(1, a=2, a=3)");
        assertThat(errors).extracting(d -> d.span().toString())
                .containsExactly("1:5", "3:6", "4:15");
    }

    @Test
    void errorsComeInSourceOrder() {
        List<Diagnostic> errors = errors("f(a=1, a=2)\nx = )");
        assertThat(errors).extracting(d -> d.span().line()).containsExactly(1, 2);
    }

    @Test
    void extraClosingParenIsAnErrorNotIncomplete() {
        Diagnostic error = first("f(1))");
        assertThat(error.message()).isEqualTo("unexpected ')' with no matching '('");
        assertThat(error.span().toString()).isEqualTo("1:5");
    }

    @Test
    void tooDeepNestingIsRefused() {
        int depth = McsSyntax.MAX_NESTING + 5;
        String deep = "(".repeat(depth) + "1" + ")".repeat(depth);
        assertThat(first(deep).message()).contains("nested more than");
        String fine = "(".repeat(50) + "1" + ")".repeat(50);
        assertThat(Shapes.shape(fine)).isEqualTo("1");
    }

    @Test
    void operatorChainsDeeperThanTheInterpreterCanEvaluateAreRefused() {
        // a chain of 200,000 minuses overflowed the interpreter's stack
        int n = 20_000;
        for (String deep : List.of("x = " + "- ".repeat(n) + "1", "not ".repeat(n) + "true",
                "1" + " + 1".repeat(n), "a" + ".b".repeat(n), "f(" + "-".repeat(n) + "1)",
                "for i in [1] { y = [" + "-".repeat(n) + "1] }")) {
            assertThat(first(deep).message()).as(deep.substring(0, 20))
                    .contains("nested more than " + ExprDepth.MAX_DEPTH + " deep");
        }
        int fine = ExprDepth.MAX_DEPTH - 10;
        assertThat(McsSyntax.parse(new SourceText("t", "- ".repeat(fine) + "1")))
                .isInstanceOf(ParseResult.Parsed.class);
        assertThat(McsSyntax.parse(new SourceText("t", "x = " + "1 + ".repeat(fine) + "1")))
                .isInstanceOf(ParseResult.Parsed.class);
        assertThat(McsSyntax.parse(new SourceText("t", "x = [" + "-1, ".repeat(n) + "1]")))
                .as("a long flat list is not deep").isInstanceOf(ParseResult.Parsed.class);
    }

    @Test
    void renderShowsFileLineColumnSourceAndCaret() {
        SourceText source = new SourceText("quick.mcs", "base = load('m')\nx = prune(0.8,, 2)\n");
        ParseResult.Failed failed = (ParseResult.Failed) McsSyntax.parse(source);
        assertThat(failed.diagnostics().get(0).render(source)).isEqualTo(
                "quick.mcs:2:15: error: unexpected ',', expected an expression or ')'\n"
                        + "  x = prune(0.8,, 2)\n"
                        + "                ^\n");
    }

    @Test
    void renderWithHintAndWideSpan() {
        SourceText source = new SourceText("r.mcs", "f(alpha=1, beta)");
        Diagnostic d = Diagnostic.error("beta is not known", new SourceSpan(1, 12, 1, 16),
                "define it first");
        assertThat(d.render(source)).isEqualTo(
                "r.mcs:1:12: error: beta is not known\n"
                        + "  f(alpha=1, beta)\n"
                        + "             ^~~~\n"
                        + "  hint: define it first\n");
    }
}
