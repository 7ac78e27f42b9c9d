package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceText;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.Value;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code display}, {@code plot}, {@code input} and {@code warn}: text and PNG files in the REPL
 * and scripts, an Output's rich methods when the registry is bound to one (a notebook).
 */
class DisplayBuiltinsTest {

    @TempDir
    Path tmp;

    private final CapturingOutput out = new CapturingOutput();

    private Result run(Session session, String code) {
        return session.executeScript(new SourceText("t.mcs", code), null);
    }

    private Result run(String code) {
        return run(new Session(out), code);
    }

    private static final String TABLE = "t = summary(sequential(dense(4), dense(2), "
            + "input=[3]))\n";

    @Test
    void displayPrintsValuesAndWarnGoesToNotices() {
        Result r = run("display(3, \"a\")\nwarn(\"careful\", 1)");
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(out.lines).containsExactly("3", "a");
        assertThat(out.notices).containsExactly("careful 1");
    }

    @Test
    void plotWritesAPngAndPrintsItsPath() throws Exception {
        Result r = run(TABLE + "plot(t, x=\"#\", y=params)");
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        Path png = Path.of(out.lines.get(out.lines.size() - 1));
        try {
            assertThat(png).isAbsolute().exists();
            assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N',
                    (byte) 'G');
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void plotSavesToTheFileGiven() throws Exception {
        Path file = tmp.resolve("chart.png");
        Result r = run(TABLE + "plot(t, x=\"layer\", y=\"non-zeros\", kind=bar, file=\""
                + file + "\")");
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(out.lines).last().isEqualTo(file.toString());
        assertThat(Files.size(file)).isPositive();
        assertThat(tmp.toFile().list()).containsExactly("chart.png");
    }

    @Test
    void plotNamesTheColumnsItKnows() {
        Result r = run(TABLE + "plot(t, x=\"size\", y=params)");
        assertThat(r.errorText()).contains("plot: the table has no column size; its columns "
                + "are #, layer, description, output, params, non-zeros");
        r = run(TABLE + "plot(t, x=params, y=\"layer\")");
        assertThat(r.errorText()).contains("column layer holds text; y needs a column of "
                + "numbers");
        r = run(TABLE + "plot(t, x=[1], y=params)");
        assertThat(r.errorText()).contains("x must name a column");
    }

    /** An output that answers questions and keeps what a notebook would show. */
    private static final class Notebook implements Output {
        final List<String> shown = new ArrayList<>();

        @Override
        public void print(String text) {
            shown.add("print " + text);
        }

        @Override
        public void notice(String text) {
            shown.add("notice " + text);
        }

        @Override
        public ProgressListener progress() {
            return ProgressListener.NONE;
        }

        @Override
        public void display(Value value) {
            shown.add("display " + value.typeName());
        }

        @Override
        public void image(byte[] png, String description) {
            shown.add("image " + description + " " + png.length);
        }

        @Override
        public String input(String prompt) {
            shown.add("asked " + prompt);
            return prompt.isEmpty() ? null : "Ada";
        }
    }

    @Test
    void aBoundOutputGetsDisplaysImagesAndQuestions() {
        Notebook nb = new Notebook();
        Session session = new Session(nb, StandardLibrary.builtins(nb));
        Result r = run(session, TABLE + "display(t)\nplot(t, x=\"#\", y=params)\n"
                + "name = input(\"name? \")\nprint(name)");
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(nb.shown).hasSize(4);
        assertThat(nb.shown.get(0)).isEqualTo("display table");
        assertThat(nb.shown.get(1)).startsWith("image params vs # ");
        assertThat(nb.shown.subList(2, 4)).containsExactly("asked name? ", "print Ada");
        r = run(session, "input()");
        assertThat(r.errorText()).contains("input: no answer: the input has ended");
    }
}
