package mcs.interpreter.jshell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.Test;

class JavaSnippetsTest {

    private final List<String> printed = new ArrayList<>();
    private final Session session = new Session(
            Output.of(printed::add, text -> { }, ProgressListener.NONE));

    private Result run(String code) {
        return session.execute(new SourceText("<repl>", code), Cancellation.NEVER);
    }

    @Test
    void snippetsSeeTheSessionsValuesAndHandValuesBack() {
        assertThat(run("small = lenet300() | prune(0.5)").status()).isEqualTo(Result.Status.OK);
        Result r = run("%java var m = mcs.model(\"small\"); m.layers().size()");
        assertThat(r.status()).as(r.errorText()).isEqualTo(Result.Status.OK);
        assertThat(printed).containsExactly("4");
        assertThat(run("%%java\nmcs.set(\"k\", m.paramCount() * 2);\nint unused = 1;").status())
                .isEqualTo(Result.Status.OK);
        run("k");
        assertThat(printed).containsExactly("4", "533220");
    }

    @Test
    void jshellErrorsAreShownAsTheyAre() {
        Result r = run("%java int x = \"a\";");
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.errorText()).contains("incompatible types");
        Result thrown = run("%java mcs.model(\"nothing\")");
        assertThat(thrown.errorText()).contains("IllegalArgumentException")
                .contains("no variable nothing");
        assertThat(JavaSnippets.isJava("%javax")).isFalse();
        assertThat(JavaSnippets.isJava("  %java 1")).isTrue();
    }

    @Test
    void anInterruptStopsASnippetThatWouldNeverEnd() {
        // JShell ran it to the end, so an endless loop held the session (and a kernel) forever
        AtomicBoolean cancelled = new AtomicBoolean();
        assertThat(run("%java int before = 1;").status()).isEqualTo(Result.Status.OK);
        for (String endless : List.of("%java while (true) { Thread.onSpinWait(); }",
                "%java Thread.sleep(600_000);", "%%java\nint a = 1;\nwhile (a > 0) { a = 1; }\n"
                        + "mcs.set(\"after\", 1);")) {
            cancelled.set(false);
            long started = System.nanoTime();
            Thread interrupter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                cancelled.set(true);
            });
            interrupter.setDaemon(true);
            interrupter.start();
            Result r = session.execute(new SourceText("<repl>", endless), cancelled::get);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.status()).as(endless).isEqualTo(Result.Status.INTERRUPTED);
            assertThat(millis).as(endless).isBetween(250L, 3000L);
        }
        assertThat(run("%java before + 1").status()).isEqualTo(Result.Status.OK);
        assertThat(printed).containsExactly("2");
        assertThat(run("after").status()).as("the snippet after the loop did not run")
                .isEqualTo(Result.Status.ERROR);
    }
}
