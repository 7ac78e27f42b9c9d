package mcs.interpreter.jshell;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;

/**
 * Runs {@code %java} text with JShell in this JVM ("local" execution), so snippets share the
 * session's classes and values: {@code mcs.model("small")}, {@code mcs.set("k", 3)}. One JShell
 * per session, started on first use; its own errors are shown as they are.
 */
public final class JavaSnippets implements AutoCloseable {

    private JShell shell;

    /** Whether the text is a Java snippet: it starts with {@code %java} or {@code %%java}. */
    public static boolean isJava(String text) {
        String s = text.stripLeading();
        String body = s.startsWith("%%java") ? s.substring(6)
                : s.startsWith("%java") ? s.substring(5) : null;
        return body != null && (body.isEmpty() || Character.isWhitespace(body.charAt(0)));
    }

    /** Runs the snippet(s) after the magic; values of expressions are printed. */
    public Result run(String text, Map<String, Value> variables, Output output) {
        return run(text, variables, output, Cancellation.NEVER);
    }

    /**
     * Like {@link #run(String, Map, Output)}, stopped when {@code cancel} says so: the running
     * snippet is stopped by JShell ({@link JShell#stop}), the rest are not run, and the result
     * is {@code INTERRUPTED}. Before, an endless loop in a snippet could never be stopped.
     */
    public Result run(String text, Map<String, Value> variables, Output output,
                      Cancellation cancel) {
        String code = text.stripLeading().replaceFirst("^%%?java", "");
        Mcs.attach(variables);
        JShell js = shell();
        try (Watch watch = new Watch(js, cancel)) {
            return run(js, code, output, cancel);
        }
    }

    private Result run(JShell js, String code, Output output, Cancellation cancel) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            if (cancel.isCancelled()) {
                return INTERRUPTED;
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                return error("%java: incomplete Java snippet: " + rest.strip());
            }
            List<SnippetEvent> events = js.eval(info.source());
            if (cancel.isCancelled()) {
                return INTERRUPTED;
            }
            for (SnippetEvent e : events) {
                String problem = problem(js, e);
                if (problem != null) {
                    return error(problem);
                }
                if (e.value() != null && e.snippet().kind() != Snippet.Kind.IMPORT
                        && e.status() == Snippet.Status.VALID && isExpression(e.snippet())) {
                    output.print(e.value());
                }
            }
            rest = info.remaining();
        }
        return new Result(Result.Status.OK, List.of(), "");
    }

    private static final Result INTERRUPTED =
            new Result(Result.Status.INTERRUPTED, List.of(), "interrupted\n");
    private static final long WATCH_MILLIS = 10;

    /**
     * While a run lasts, asks {@code cancel} every {@value #WATCH_MILLIS} ms from its own
     * thread and, once it says so, stops the snippet JShell is running (again at each tick,
     * as a stop that comes while JShell compiles has nothing to stop yet).
     */
    private static final class Watch implements AutoCloseable {

        private final Thread thread;
        private volatile boolean done;

        Watch(JShell js, Cancellation cancel) {
            thread = new Thread(() -> {
                while (!done) {
                    if (cancel.isCancelled()) {
                        try {
                            js.stop();
                        } catch (RuntimeException e) {
                            return; // JShell closed meanwhile: nothing left to stop
                        }
                    }
                    try {
                        Thread.sleep(WATCH_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "mcs-java-interrupt");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            done = true;
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION || s.kind() == Snippet.Kind.VAR
                && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static String problem(JShell js, SnippetEvent e) {
        if (e.exception() != null) {
            Throwable t = e.exception();
            String type = t instanceof jdk.jshell.EvalException ee ? ee.getExceptionClassName()
                    : t.getClass().getName();
            return "%java: " + type + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        if (e.status() == Snippet.Status.REJECTED) {
            String diags = js.diagnostics(e.snippet())
                    .map(d -> d.getMessage(java.util.Locale.ROOT))
                    .collect(Collectors.joining("\n  "));
            return "%java: " + e.snippet().source().strip() + "\n  " + diags;
        }
        return null;
    }

    private JShell shell() {
        if (shell == null) {
            shell = JShell.builder().executionEngine("local").build();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            shell.eval("import mcs.runtime.model.*;");
            shell.eval("import mcs.interpreter.jshell.Mcs;");
            shell.eval("Mcs mcs = Mcs.SESSION;");
        }
        return shell;
    }

    private static Result error(String text) {
        return new Result(Result.Status.ERROR, List.of(), text.endsWith("\n") ? text : text + "\n");
    }

    @Override
    public void close() {
        if (shell != null) {
            shell.close();
        }
    }
}
