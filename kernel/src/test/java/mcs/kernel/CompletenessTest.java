package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class CompletenessTest {

    private static String status(String code) {
        return Message.string(Completeness.check(code), "status");
    }

    @Test
    void parsedTextIsComplete() {
        assertThat(status("42")).isEqualTo("complete");
        assertThat(status("m = lenet300() | train(fmnist, epochs=1)")).isEqualTo("complete");
        assertThat(status("for s in [0.5, 0.8] {\n  print(s)\n}")).isEqualTo("complete");
        assertThat(status("")).isEqualTo("complete");
        assertThat(status("# only a comment")).isEqualTo("complete");
    }

    @Test
    void openBracketsStringsAndPipesAreIncomplete() {
        assertThat(status("prune(0.8")).isEqualTo("incomplete");
        assertThat(status("base = lenet300() |")).isEqualTo("incomplete");
        assertThat(status("xs = [1,\n  2,")).isEqualTo("incomplete");
        assertThat(status("for s in xs {")).isEqualTo("incomplete");
        assertThat(status("print(\"unfinished")).isEqualTo("incomplete");
    }

    @Test
    void syntaxErrorsAreInvalid() {
        assertThat(status("m = ")).isEqualTo("invalid");
        assertThat(status("print(1))")).isEqualTo("invalid");
        assertThat(status("1 2 3")).isEqualTo("invalid");
        assertThat(status("x = (1 2")).isEqualTo("invalid");
    }

    @Test
    void javaCellsAreCompleteSoTheyRunAndSayTheyAreNotSupported() {
        assertThat(status("%java\nint x = ")).isEqualTo("complete");
        assertThat(Magics.isJava("  %java System.out.println(1);")).isTrue();
        assertThat(Magics.isJava("%javascript")).isFalse();
    }

    @Test
    void theIndentFollowsTheLastLineAndDeepensAfterAnOpener() {
        JsonObject reply = Completeness.check("for s in xs {");
        assertThat(Message.string(reply, "indent")).isEqualTo("    ");
        assertThat(Completeness.indent("  m = base |")).isEqualTo("      ");
        assertThat(Completeness.indent("f(a,\n  b,")).isEqualTo("      ");
        assertThat(Completeness.indent("f(a,\n  b")).isEqualTo("  ");
        assertThat(Completeness.indent("m = base |  # comment")).isEqualTo("    ");
    }
}
