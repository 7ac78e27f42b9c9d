package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mcs.cli.CompletionContext.What;
import mcs.interpreter.Output;
import mcs.interpreter.Session;
import mcs.runtime.Cancellation;
import mcs.grammar.SourceText;
import org.jline.reader.Candidate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tab offers where: the context read from the text, then the candidates. */
class CompletionContextTest {

    @TempDir
    Path dir;

    private final Session session = new Session(Output.of(System.out, System.err));
    private final ReplCompleter completer = new ReplCompleter(() -> session);

    private List<String> offered(String before) {
        return completer.candidates(before).stream().map(Candidate::value).toList();
    }

    @Test
    void contexts() {
        assertThat(CompletionContext.of(":he"))
                .isEqualTo(new CompletionContext(What.COMMAND, ":he", null, null, -1, null));
        assertThat(CompletionContext.of(":help pr").kind()).isEqualTo(What.HELP_TOPIC);
        assertThat(CompletionContext.of(":load scr").prefix()).isEqualTo("scr");
        assertThat(CompletionContext.of("save(m, \"out/le"))
                .isEqualTo(new CompletionContext(What.PATH, "out/le", null, null, -1, null));
        assertThat(CompletionContext.of("x = data.tr"))
                .isEqualTo(new CompletionContext(What.MEMBER, "tr", null, null, -1, "data"));
        assertThat(CompletionContext.of("prune(m, 0.8, schedule=p"))
                .isEqualTo(new CompletionContext(What.SYMBOL, "p", "prune", "schedule", -1, null));
        assertThat(CompletionContext.of("prune(m, 0.8, sch"))
                .isEqualTo(new CompletionContext(What.ARGUMENT, "sch", "prune", null, 2, null));
        assertThat(CompletionContext.of("x = m | prune(0.8, sch"))
                .isEqualTo(new CompletionContext(What.ARGUMENT, "sch", "prune", null, 2, null));
        assertThat(CompletionContext.of("quantize(m, ").position()).isEqualTo(1);
        assertThat(CompletionContext.of("f(g(1, 2), ").position()).isEqualTo(1);
        assertThat(CompletionContext.of("f(x=g(1, 2), ").position()).isZero();
        assertThat(CompletionContext.of("f(1, [a, b], [c").kind()).isEqualTo(What.NAME);
        assertThat(CompletionContext.of("prune(m, 0.8 ").kind()).isEqualTo(What.NAME);
        assertThat(CompletionContext.of("x = len").kind()).isEqualTo(What.NAME);
        assertThat(CompletionContext.of(":time prune(m, sch").kind()).isEqualTo(What.ARGUMENT);
    }

    @Test
    void parameterNamesOfTheCallNotOthers() {
        assertThat(offered("m | prune(0.8, sch")).contains("schedule=", "sparsity=", "model=")
                .doesNotContain("epochs=");
        assertThat(offered("train(m, d, ep")).contains("epochs=");
    }

    @Test
    void symbolsThatTheParameterAllows() {
        assertThat(offered("prune(m, 0.8, schedule=")).containsExactly("constant", "poly");
        session.execute(new SourceText("<repl>", "s = \"poly\""), Cancellation.NEVER);
        assertThat(offered("prune(m, 0.8, schedule=")).containsExactly("constant", "poly", "s");
        assertThat(offered("train(m, d, epochs=")).contains("s", "len", "lenet5");
    }

    @Test
    void membersOfAVariable() {
        session.execute(new SourceText("<repl>", "m = lenet300()"), Cancellation.NEVER);
        assertThat(offered("m.")).contains("layers", "params", "sparsity")
                .doesNotContain("lenet5");
        assertThat(offered("nothing.")).isEmpty();
    }

    @Test
    void namesCommandsAndHelpTopics() {
        session.execute(new SourceText("<repl>", "alpha = 1"), Cancellation.NEVER);
        assertThat(offered("x = al")).contains("alpha", "lenet5", "for");
        assertThat(offered(":")).containsExactlyElementsOf(ReplCompleter.COMMANDS);
        assertThat(offered(":help p")).contains("prune").doesNotContain("alpha");
    }

    @Test
    void pathsInStringsAndAfterLoad() throws Exception {
        Files.createDirectory(dir.resolve("models"));
        Files.writeString(dir.resolve("quick.mcs"), "");
        String base = dir.toString() + "/";
        assertThat(offered("save(m, \"" + base))
                .containsExactly(base + "models/", base + "quick.mcs");
        assertThat(offered(":load " + base + "q")).contains(base + "quick.mcs");
        assertThat(offered("x = \"" + base + "nowhere/")).isEmpty();
    }
}
