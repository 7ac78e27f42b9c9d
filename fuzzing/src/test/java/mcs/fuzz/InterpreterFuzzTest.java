package mcs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import mcs.grammar.Diagnostic;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.builtin.Builtin;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.lib.StandardLibrary;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;

/**
 * The interpreter on arbitrary text, run as a notebook cell and as a script in a fresh session:
 * every statement kind, arithmetic, user functions and recursion, records, lists, format and
 * the other builtins that compute values. Builtins that touch the world (datasets, files,
 * models, training, stdin, plots) are left out: they would make a run slow or write files
 * rather than exercise evaluation, and the file readers have targets of their own.
 *
 * <p>Each run is cancelled, which is an accepted outcome, after {@link #BUDGET_MILLIS} or once
 * it has allocated {@link #BUDGET_BYTES}: loops may legitimately run long. A single step that
 * allocates past {@link Limits#MAX_ALLOCATION} before the check can stop it is still a finding.
 * An internal error (the interpreter's report of an exception it did not expect), running out of
 * memory and an error without a location are findings.
 */
class InterpreterFuzzTest {

    static final long BUDGET_MILLIS = 1_000;
    static final long BUDGET_BYTES = 64L << 20;

    /** Builtins of the OTHER group left out: they read stdin, write files or start ND4J. */
    private static final Set<String> LEFT_OUT = Set.of("input", "plot", "backend");

    private static final Output QUIET = Output.of(text -> { }, text -> { }, ProgressListener.NONE);
    private static final Builtins BUILTINS = evaluationOnly(StandardLibrary.builtins(QUIET));

    @FuzzTest(maxDuration = "60s")
    void run(byte[] data) throws Exception {
        SourceText source = new SourceText("fuzz.mcs", new String(data, StandardCharsets.UTF_8));
        Limits.run(() -> {
            if (!source.text().stripLeading().startsWith("%")) {
                check(new Session(QUIET, BUILTINS).execute(source, budget()));
            }
            check(new Session(QUIET, BUILTINS).executeScript(source, budget()));
        });
    }

    static Builtins evaluationOnly(Builtins all) {
        Builtins.Builder b = Builtins.builder();
        for (String name : all.names()) {
            Builtin builtin = all.get(name).orElseThrow();
            if (builtin.spec().group() == Group.OTHER && !LEFT_OUT.contains(name)) {
                b.add(builtin.spec(), builtin.body());
            }
        }
        return b.build();
    }

    /** Cancels after the time or allocation budget. */
    private static Cancellation budget() {
        long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
        long bytes = Limits.allocated() + BUDGET_BYTES;
        return () -> System.nanoTime() > deadline || Limits.allocated() > bytes;
    }

    private static void check(Result r) {
        switch (r.status()) {
            case INTERNAL_ERROR -> throw new AssertionError("internal error:\n" + r.errorText());
            case ERROR, SYNTAX_ERROR, IO_ERROR -> {
                if (r.diagnostics().isEmpty()) {
                    throw new AssertionError(r.status() + " without a diagnostic: "
                            + r.errorText());
                }
                for (Diagnostic d : r.diagnostics()) {
                    if (d.span() == null || d.span().line() < 1 || d.span().column() < 1) {
                        throw new AssertionError("an error without a location: " + d);
                    }
                    if (d.message().startsWith("out of memory")) {
                        throw new AssertionError(r.errorText());
                    }
                }
            }
            case OK, INCOMPLETE, INTERRUPTED -> { }
        }
    }
}
