package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mcs.grammar.SourceText;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The public facade: statuses, exit codes, variables across entries, interruption. */
class SessionTest {

    private final CapturingOutput out = new CapturingOutput();
    private final Session session = new Session(out);

    private Result run(String text) {
        return session.execute(new SourceText("<repl>", text), Cancellation.NEVER);
    }

    @Test
    void variablesLiveFromOneEntryToTheNext() {
        assertThat(run("m = lenet300()").status()).isEqualTo(Result.Status.OK);
        assertThat(run("params(m)").exitCode()).isZero();
        assertThat(out.lines).containsExactly("266610");
        assertThat(session.variables()).containsKey("m");
        assertThat(session.variables().get("m")).isInstanceOf(ModelValue.class);
        assertThatThrownBy(() -> session.variables().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void openBracketIsIncompleteInTheReplButAnErrorInAScript() {
        Result repl = run("x = [1,");
        assertThat(repl.status()).isEqualTo(Result.Status.INCOMPLETE);
        assertThat(repl.exitCode()).isEqualTo(65);
        Result script = session.executeScript(new SourceText("s.mcs", "x = [1,"),
                Cancellation.NEVER);
        assertThat(script.status()).isEqualTo(Result.Status.SYNTAX_ERROR);
        assertThat(script.diagnostics()).isNotEmpty();
        assertThat(script.errorText()).startsWith("s.mcs:1:");
        assertThat(session.variables()).doesNotContainKey("x");
    }

    @Test
    void syntaxErrorsRunNothing() {
        Result r = run("print(1)\nx = = 2");
        assertThat(r.status()).isEqualTo(Result.Status.SYNTAX_ERROR);
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(out.lines).isEmpty();
    }

    @Test
    void anErrorLeavesTheVariableAsItWas() {
        run("x = 1");
        Result r = run("x = lenet5() | prune(2)");
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.diagnostics()).hasSize(1);
        assertThat(r.diagnostics().get(0).span().column()).isEqualTo(22);
        assertThat(r.errorText()).startsWith("<repl>:1:22: error: prune: sparsity must be in");
        assertThat(session.variables().get("x")).isEqualTo(Num.of(1));
    }

    @Test
    void interruptionStopsBetweenStatementsAndKeepsEarlierOnes() {
        Cancellation afterFirstPrint = () -> !out.lines.isEmpty();
        Result r = session.execute(new SourceText("<cell>", "a = 1\nprint(a)\nb = 2"),
                afterFirstPrint);
        assertThat(r.status()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(session.variables()).containsKey("a").doesNotContainKey("b");
    }

    @Test
    void aSnapshotPutsBackEveryBindingAsItWas() {
        run("a = 1\nb = 2");
        var before = session.snapshot();
        Cancellation afterFirstPrint = () -> !out.lines.isEmpty();
        Result r = session.execute(new SourceText("<cell>", "a = 10\nc = 3\nprint(a)\nb = 20"),
                afterFirstPrint);
        assertThat(r.status()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(session.variables()).containsKey("c").containsEntry("a", Num.of(10));
        session.restore(before);
        assertThat(session.variables()).containsExactly(
                java.util.Map.entry("a", Num.of(1)), java.util.Map.entry("b", Num.of(2)));
    }

    @Test
    void interruptionInsideALoop() {
        Cancellation afterTwo = () -> out.lines.size() >= 2;
        Result r = session.execute(new SourceText("<cell>", "for i in range(10) { print(i) }"),
                afterTwo);
        assertThat(r.status()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(out.lines).containsExactly("0", "1");
    }

    @Test
    void aBugIsAnInternalErrorWithItsStackTrace() {
        Session s = new Session(out, withBuiltin("boom", () -> {
            throw new IllegalStateException("kaput");
        }));
        Result r = s.execute(new SourceText("<repl>", "boom()"), Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.INTERNAL_ERROR);
        assertThat(r.exitCode()).isEqualTo(70);
        assertThat(r.errorText()).contains("internal error: java.lang.IllegalStateException: kaput")
                .contains("\tat mcs.interpreter.SessionTest");
    }

    @Test
    void theRuntimesComplaintsAreUserErrorsAtTheCall() {
        Session s = new Session(out, withBuiltin("picky", () -> {
            throw new InvalidInputException("no good\nfirst reason\nsecond reason");
        }));
        Result r = s.execute(new SourceText("<repl>", "x = picky(1)"), Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.errorText()).startsWith("<repl>:1:5: error: picky: no good\n")
                .contains("hint: first reason\n        second reason");
    }

    @Test
    void runningOutOfMemoryAnywaySaysWhichLimitToRaiseWithoutAStackTrace() {
        Session s = new Session(out, withBuiltin("hungry", () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        Result r = s.execute(new SourceText("<repl>", "x = 1\ny = hungry()"), Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.ERROR);
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.errorText()).startsWith("<repl>:2:1: error: out of memory (Java heap space)")
                .contains("MCS_HEAP=").doesNotContain("\tat ").doesNotContain("Error:");
        assertThat(s.variables()).containsKey("x").doesNotContainKey("y");
    }

    @Test
    void idxWithoutTestFilesSaysSo() {
        String d = "src/test/resources/golden/data/tiny/";
        Result r = run("d = idx(\"" + d + "train-images-idx3-ubyte\", \"" + d
                + "train-labels-idx1-ubyte\")");
        assertThat(r.status()).isEqualTo(Result.Status.OK);
        assertThat(out.notices).singleElement().asString().contains("test split is the training");
        assertThat(out.lines).isEmpty();
    }

    @Test
    void recipeArgumentsAreFixedWhenTheRecipeIsDefined() {
        run("s = 0.5\nrecipe r = prune(s)\ns = 0.9");
        run("sparsity(lenet300() | r)");
        assertThat(out.lines).containsExactly("0.5");
    }

    @Test
    void valuesAreImmutable() {
        run("base = lenet5()\nsmall = base | prune(0.8)\nprint(sparsity(base), sparsity(small))");
        assertThat(out.lines).containsExactly("0 0.8");
    }

    private static Builtins withBuiltin(String name, Runnable body) {
        return Builtins.builder().add(BuiltinSpec.define(name, Group.OTHER, "Test.")
                .param(Param.optional("x", Type.ANY, "anything"))
                .returns(Type.NOTHING), (a, c) -> {
                    body.run();
                    return mcs.interpreter.value.Nil.NIL;
                }).build();
    }
}
