package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class ReplHighlighterTest {

    private final ReplHighlighter highlighter =
            new ReplHighlighter(Set.of("prune", "lenet5", "train")::contains);

    /** The style of the character at {@code text.indexOf(part)}. */
    private AttributedStyle styleOf(String text, String part) {
        AttributedString s = highlighter.highlight(text);
        assertThat(s.toString()).isEqualTo(text);
        return s.styleAt(text.indexOf(part));
    }

    @Test
    void colours() {
        String line = "for s in [0.5, 80%] { m = lenet5() | prune(s, \"x\") } # try";
        assertThat(styleOf(line, "for")).isEqualTo(ReplHighlighter.KEYWORD);
        assertThat(styleOf(line, "in ")).isEqualTo(ReplHighlighter.KEYWORD);
        assertThat(styleOf(line, "0.5")).isEqualTo(ReplHighlighter.NUMBER);
        assertThat(styleOf(line, "80%")).isEqualTo(ReplHighlighter.NUMBER);
        assertThat(styleOf(line, "lenet5")).isEqualTo(ReplHighlighter.BUILTIN);
        assertThat(styleOf(line, "prune")).isEqualTo(ReplHighlighter.BUILTIN);
        assertThat(styleOf(line, "\"x\"")).isEqualTo(ReplHighlighter.STRING);
        assertThat(styleOf(line, "# try")).isEqualTo(ReplHighlighter.COMMENT);
        assertThat(styleOf(line, "m =")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleOf(line, "s,")).isEqualTo(AttributedStyle.DEFAULT);
    }

    @Test
    void halfTypedTextColoursToo() {
        assertThat(styleOf("save(m, \"out/le", "\"out")).isEqualTo(ReplHighlighter.STRING);
        assertThat(styleOf("x = 1e-", "1e")).isEqualTo(ReplHighlighter.NUMBER);
    }

    @Test
    void membersAreNotBuiltins() {
        assertThat(styleOf("d.train", "train")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleOf("train(m)", "train")).isEqualTo(ReplHighlighter.BUILTIN);
    }

    @Test
    void commandsAndJava() {
        assertThat(styleOf(":help prune", ":help")).isEqualTo(ReplHighlighter.COMMAND);
        assertThat(styleOf(":help prune", "prune")).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(styleOf(":time prune(m, 0.5)", "prune")).isEqualTo(ReplHighlighter.BUILTIN);
        assertThat(styleOf("%java for (int i = 0; i < 3; i++) {}", "%java"))
                .isEqualTo(ReplHighlighter.COMMAND);
        assertThat(styleOf("%java for (int i = 0; i < 3; i++) {}", "for"))
                .isEqualTo(AttributedStyle.DEFAULT);
    }
}
