package mcs.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

class NeverThrowsTest {

    @Property(tries = 1500)
    void parseNeverThrows(@ForAll @StringLength(max = 60)
                          @Chars({'(', ')', '[', ']', '{', '}', '|', '=', ',', '.', '-', '%', '+',
                              '#', ';', '"', '\'', '\\', ' ', '\n', '\r', '\t', '$', 'e', 'E'})
                          @CharRange(from = 'a', to = 'f') @CharRange(from = '0', to = '3')
                          String text) {
        SourceText source = new SourceText("p", text);
        assertThat(McsSyntax.parse(source)).isNotNull();
        assertThat(McsSyntax.parseWhole(source)).isNotInstanceOf(ParseResult.Incomplete.class);
    }

    @Property(tries = 1000)
    void parseNeverThrowsOnKeywordSoup(@ForAll @StringLength(max = 12)
                                       @Chars({'(', ')', '[', '{', '}', '|', '=', ',', ' ', '\n'})
                                       @CharRange(from = 'x', to = 'z') String glue) {
        String text = "for x in " + glue + " recipe r = " + glue + " kmeans++ " + glue;
        SourceText source = new SourceText("p", text);
        ParseResult result = McsSyntax.parse(source);
        if (result instanceof ParseResult.Failed failed) {
            failed.diagnostics().forEach(d -> assertThat(d.render(source)).isNotBlank());
        }
    }
}
