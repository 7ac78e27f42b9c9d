package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IncompleteTest {

    private static String reason(String text) {
        ParseResult result = Shapes.parse(text);
        assertThat(result).as("parse of %s", text).isInstanceOf(ParseResult.Incomplete.class);
        return ((ParseResult.Incomplete) result).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "f(1,", "a |", "for x in [1] {", "\"abc", "[1, 2", "x = f(\n  1,\n", "a |  # more\n\n",
        "for x in xs {\n  f(x)\n", "f(g(", "x = 'it\\'s", "xs = [", "m = base\n  | prune(0.8) |",
        "for x in xs {\n  y = x |\n", "x = 1\ny = f(", "\"abc\\",
    })
    void textThatMoreInputCanComplete(String text) {
        assertThat(reason(text)).isNotBlank();
    }

    @Test
    void reasonsNameWhatIsOpen() {
        assertThat(reason("x = f(1,")).isEqualTo("'(' opened at 1:6 is not closed");
        assertThat(reason("for x in [1] {")).isEqualTo("'{' opened at 1:14 is not closed");
        assertThat(reason("a |")).isEqualTo("the pipeline continues after '|' at 1:3");
        assertThat(reason("x = \"abc")).isEqualTo("the string opened at 1:5 is not closed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "f(1))", "x = ", "a.", "recipe", "for x in xs", "f(1]", "x = ) + f(", "x = 1 \"abc",
        "f(a=1, a=2)\ng(", "\"a\\q", "x = )\n[1,",
    })
    void textThatIsAlreadyWrong(String text) {
        assertThat(Shapes.parse(text)).as("parse of %s", text)
                .isInstanceOf(ParseResult.Failed.class);
    }

    @Test
    void parseWholeTurnsIncompleteIntoPositionedErrors() {
        assertThat(whole("x = f(1,")).isEqualTo("1:9 missing ')' to close '(' at 1:6");
        assertThat(whole("a |\n")).isEqualTo("1:4 expected an expression after '|'");
        assertThat(whole("x = 'abc")).isEqualTo("1:5 unterminated string");
        assertThat(whole("for x in xs {\n  f(x)\n"))
                .isEqualTo("2:7 missing '}' to close '{' at 1:13");
        assertThat(McsSyntax.parseWhole(new SourceText("t", "x = 1")))
                .isInstanceOf(ParseResult.Parsed.class);
    }

    private static String whole(String text) {
        ParseResult result = McsSyntax.parseWhole(new SourceText("t", text));
        assertThat(result).isInstanceOf(ParseResult.Failed.class);
        Diagnostic first = ((ParseResult.Failed) result).diagnostics().get(0);
        return first.span() + " " + first.message();
    }
}
