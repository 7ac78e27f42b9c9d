package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mcs.interpreter.Result;

/**
 * A failed cell as Jupyter shows it: {@code ename}, {@code evalue} and a traceback, which for
 * mcs is its rendered diagnostics ({@code cell[3]:2:14: error: ...}, the line, a caret, the
 * hint) with the error label in red, not a Java stack trace (except for a bug in mcs).
 */
record ErrorReport(String ename, String evalue, List<String> traceback) {

    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern HEADLINE =
            Pattern.compile("^(\\S+:\\d+:\\d+: )(error|warning)(: .*)$");

    ErrorReport {
        traceback = List.copyOf(traceback);
    }

    /** The report for a result that is not OK. */
    static ErrorReport of(Result r) {
        String evalue = r.diagnostics().isEmpty() ? firstLine(r.errorText())
                : r.diagnostics().get(0).message();
        String ename = switch (r.status()) {
            case SYNTAX_ERROR, INCOMPLETE -> "SyntaxError";
            case INTERRUPTED -> "Interrupted";
            case INTERNAL_ERROR -> "InternalError";
            case IO_ERROR -> "IOError";
            default -> "Error";
        };
        if (r.status() == Result.Status.INTERRUPTED) {
            return new ErrorReport(ename, "interrupted", List.of(RED + "Interrupted" + RESET
                    + ": the cell was stopped; variables keep the values they had before the "
                    + "statement that was running"));
        }
        return new ErrorReport(ename, evalue, lines(r.errorText()));
    }

    /** A failure of the kernel itself while running a cell. */
    static ErrorReport internal(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        List<String> lines = new ArrayList<>();
        lines.add(RED + "internal error" + RESET + ": " + e + " (a bug in mcs; please report it "
                + "with this trace)");
        lines.addAll(trace.toString().lines().toList());
        return new ErrorReport("InternalError", String.valueOf(e), lines);
    }

    /** {@code ename}, {@code evalue}, {@code traceback}: the error message's content. */
    JsonObject content() {
        JsonObject o = new JsonObject();
        o.addProperty("ename", ename);
        o.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        o.add("traceback", tb);
        return o;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.stripTrailing().split("\n", -1)) {
            Matcher m = HEADLINE.matcher(line);
            out.add(m.matches() ? m.group(1) + RED + m.group(2) + RESET + m.group(3) : line);
        }
        return out;
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
