package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ReplParserTest {

    private final ReplParser parser = new ReplParser();

    private ParsedLine accept(String entry) {
        return parser.parse(entry, entry.length(), ParseContext.ACCEPT_LINE);
    }

    @Test
    void incompleteEntriesAskForMoreLines() {
        for (String entry : new String[] {"x = [1,", "m = lenet5() |", "print(\"a",
                "for s in [1, 2] {", "if x > 1 {", "def f(a) {\n  a", "r = {a: 1,", "f(1,\n  2",
                "m = lenet5() | # more to come"}) {
            assertThatThrownBy(() -> accept(entry)).as(entry).isInstanceOf(EOFError.class);
        }
    }

    @Test
    void completeEntriesAreAccepted() {
        for (String entry : new String[] {"x = [1,\n2]", "print(\"hi\")", "lenet5() | summary",
                "", "# just a comment", "for s in [1] {\n print(s)\n}", "1 + 2",
                "if x { 1 } else { 2 }"}) {
            assertThat(accept(entry).line()).as(entry).isEqualTo(entry);
        }
    }

    @Test
    void wrongEntriesAreAcceptedSoTheSessionReportsThem() {
        assertThat(accept("x = ").line()).isEqualTo("x = ");
        assertThat(accept("x = (1]").line()).isEqualTo("x = (1]");
    }

    @Test
    void commandsAreAlwaysComplete() {
        assertThat(accept(":help (").line()).isEqualTo(":help (");
    }

    @Test
    void backslashesAreNotEscapes() {
        assertThat(parser.isEscapeChar('\\')).isFalse();
        assertThat(accept("print(\"a\\tb\")").line()).isEqualTo("print(\"a\\tb\")");
    }

    @Test
    void incompleteIsOnlyCheckedWhenAccepting() {
        ParsedLine line = parser.parse("x = [1,", 7, ParseContext.COMPLETE);
        assertThat(line.line()).isEqualTo("x = [1,");
    }

    @Test
    void theWordToCompleteIsTheNameAtTheCursor() {
        ParsedLine line = parser.parse("summary(len", 11, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("len");
        assertThat(line.wordCursor()).isEqualTo(3);
        line = parser.parse("x = lenet5() | sum", 18, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("sum");
        line = parser.parse("prune_x(1)", 3, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("prune_x");
        assertThat(line.wordCursor()).isEqualTo(3);
        line = parser.parse(":he", 3, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo(":he");
        line = parser.parse("x = (", 5, ParseContext.COMPLETE);
        assertThat(line.word()).isEmpty();
    }

    @Test
    void aJavaBlockGoesOnUntilABlankLineOrPercentPercent() {
        for (String entry : new String[] {"%%java", "%%java\nint a = 1;", "%%java\n\tfoo();"}) {
            assertThatThrownBy(() -> accept(entry)).as(entry).isInstanceOf(EOFError.class);
        }
        for (String entry : new String[] {"%%java\nint a = 1;\n", "%%java\nint a = 1;\n%%",
                "%java int a = (", "%java"}) {
            assertThat(accept(entry).line()).as(entry).isEqualTo(entry);
        }
        assertThat(ReplParser.withoutBlockEnd("%%java\nint a = 1;\n%%")).isEqualTo(
                "%%java\nint a = 1;");
        assertThat(ReplParser.withoutBlockEnd("%%java\nint a = 1;\n")).isEqualTo(
                "%%java\nint a = 1;");
        assertThat(ReplParser.withoutBlockEnd("x = \"%%\"")).isEqualTo("x = \"%%\"");
    }

    @Test
    void insideAStringTheWordIsThePathTyped() {
        ParsedLine line = parser.parse("save(m, \"out/le", 15, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("out/le");
        assertThat(line.wordCursor()).isEqualTo(6);
        line = parser.parse(":load scripts/q", 15, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("scripts/q");
        line = parser.parse("cluster(m, init=kmeans+", 23, ParseContext.COMPLETE);
        assertThat(line.word()).isEqualTo("kmeans+");
    }
}
