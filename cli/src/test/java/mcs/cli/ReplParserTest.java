package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ReplParserTest {

    @Test
    void openBracketsStringsAndTrailingPipesAskForMoreLines() {
        assertThat(ReplParser.incomplete("m = lenet5() |")).isTrue();
        assertThat(ReplParser.incomplete("f(1,")).isTrue();
        assertThat(ReplParser.incomplete("for s in [1, 2] {")).isTrue();
        assertThat(ReplParser.incomplete("\"abc")).isTrue();
        assertThat(ReplParser.incomplete("m = lenet5() | prune(0.5)")).isFalse();
        assertThat(ReplParser.incomplete("f(1))")).isFalse(); // an error, shown at once
        assertThat(ReplParser.incomplete(":help (")).isFalse();
        ReplParser p = new ReplParser();
        assertThatThrownBy(() -> p.parse("f(1,", 4, ParseContext.ACCEPT_LINE))
                .isInstanceOf(EOFError.class);
        assertThat(p.parse("f(1)", 4, ParseContext.ACCEPT_LINE).line()).isEqualTo("f(1)");
    }
}
