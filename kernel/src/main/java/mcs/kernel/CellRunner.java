package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import mcs.grammar.SourceText;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code execute_request}s, one at a time on the shell thread, in one mcs
 * {@link Session} whose variables live from cell to cell: execution counts, execute_input,
 * results and errors on iopub, the history, user expressions, and interrupts (from the control
 * thread or SIGINT) that cancel the running cell.
 */
final class CellRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    /** How an execute request ended: the reply's content, and whether it failed. */
    record Outcome(JsonObject reply, boolean failed) { }

    private final Iopub iopub;
    private final Stdin stdin;
    private final Runnable beforeEachCell;
    private final KernelOutput output = new KernelOutput();
    private final History history = new History();
    private final AtomicReference<Interruption> running = new AtomicReference<>();
    private Session session;
    private int executionCount;

    /**
     * @param beforeEachCell run before each cell (the kernel starts the engine before the first)
     */
    CellRunner(Iopub iopub, Stdin stdin, Runnable beforeEachCell) {
        this.iopub = iopub;
        this.stdin = stdin;
        this.beforeEachCell = beforeEachCell;
    }

    /** The session, made on first use (so the kernel answers kernel_info before loading it). */
    Session session() {
        if (session == null) {
            session = new Session(output, KernelBuiltins.create(output));
            Session s = session;
            output.variables(s::variables);
        }
        return session;
    }

    KernelOutput output() {
        return output;
    }

    History history() {
        return history;
    }

    /** The execution count of the last cell stored in the history (0 before any). */
    int executionCount() {
        return executionCount;
    }

    /** Cancels the running cell, if any; safe from any thread. */
    void interrupt() {
        Interruption i = running.get();
        if (i != null) {
            i.cancel();
        }
    }

    Outcome execute(Message request) {
        JsonObject c = request.content();
        String code = Message.string(c, "code");
        boolean silent = Message.flag(c, "silent", false);
        boolean store = Message.flag(c, "store_history", true) && !silent && !code.isBlank();
        if (store) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            iopub.publish(request, "execute_input", input);
        }
        beforeEachCell.run();
        Interruption interruption = new Interruption();
        running.set(interruption);
        Cell cell = new Cell(iopub, request, silent, count,
                Message.flag(c, "allow_stdin", true) ? stdin : null, interruption);
        ErrorReport error;
        JsonObject expressions = new JsonObject();
        output.begin(cell);
        try {
            error = run(code, store ? "cell[" + count + "]" : "cell", interruption);
            cell.close();
            if (error == null) {
                expressions = userExpressions(request, interruption);
            }
        } finally {
            output.end();
            running.set(null);
        }
        if (store) {
            JsonObject last = cell.lastResult();
            history.add(count, code, last == null ? null : Message.string(last, "text/plain"));
        }
        return reply(request, silent, count, error, expressions);
    }

    private Outcome reply(Message request, boolean silent, int count, ErrorReport error,
                          JsonObject expressions) {
        JsonObject reply;
        if (error == null) {
            reply = new JsonObject();
            reply.addProperty("status", "ok");
            reply.add("payload", new JsonArray());
            reply.add("user_expressions", expressions);
        } else {
            if (!silent) {
                iopub.publish(request, "error", error.content());
            }
            reply = error.content();
            reply.addProperty("status", "error");
        }
        reply.addProperty("execution_count", count);
        return new Outcome(reply, error != null);
    }

    /** Runs code; null when it went well, else what to report. */
    private ErrorReport run(String code, String name, Interruption interruption) {
        if (code.isBlank()) {
            return null;
        }
        try {
            SourceText source = new SourceText(name, code);
            // %java goes to JShell through the session; mcs cells are whole texts
            Result r = Magics.isJava(code) ? session().execute(source, interruption)
                    : session().executeScript(source, interruption);
            return r.isOk() ? null : ErrorReport.of(r);
        } catch (RuntimeException | Error e) {
            LOG.error("internal error running a cell", e);
            return ErrorReport.internal(e);
        }
    }

    /** Each user expression's value as a mime bundle, or its error; nothing published. */
    private JsonObject userExpressions(Message request, Interruption interruption) {
        JsonObject out = new JsonObject();
        JsonElement asked = request.content().get("user_expressions");
        if (asked == null || !asked.isJsonObject()) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : asked.getAsJsonObject().entrySet()) {
            Cell quiet = new Cell(iopub, request, true, executionCount, null, interruption);
            output.begin(quiet);
            ErrorReport error = run(e.getValue().isJsonPrimitive() ? e.getValue().getAsString()
                    : "", "user_expressions." + e.getKey(), interruption);
            JsonObject value;
            if (error == null) {
                value = new JsonObject();
                value.addProperty("status", "ok");
                value.add("data", quiet.lastResult() == null ? MimeBundles.text("")
                        : quiet.lastResult());
                value.add("metadata", new JsonObject());
            } else {
                value = error.content();
                value.addProperty("status", "error");
            }
            out.add(e.getKey(), value);
        }
        return out;
    }
}
