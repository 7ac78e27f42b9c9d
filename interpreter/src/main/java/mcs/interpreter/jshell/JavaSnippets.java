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
        String code = text.stripLeading().replaceFirst("^%%?java", "");
        Mcs.attach(variables);
        JShell js = shell();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                return error("%java: incomplete Java snippet: " + rest.strip());
            }
            for (SnippetEvent e : js.eval(info.source())) {
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
