package mcs.kernel;

import com.google.gson.JsonObject;
import mcs.runtime.Cancellation;
import mcs.runtime.train.ProgressListener;

/**
 * The output of one execute request as it runs: results, displays, streams and progress go to
 * iopub with the request as parent (nothing when silent), and questions go to the stdin
 * channel when the frontend allows them.
 */
final class Cell {

    private final Iopub iopub;
    private final Message request;
    private final boolean silent;
    private final int executionCount;
    private final Stdin stdin;
    private final Cancellation cancel;
    private final ProgressDisplay progress;
    private JsonObject lastResult;

    /**
     * @param stdin null when the frontend does not take input ({@code allow_stdin} false)
     */
    Cell(Iopub iopub, Message request, boolean silent, int executionCount, Stdin stdin,
         Cancellation cancel) {
        this.iopub = iopub;
        this.request = request;
        this.silent = silent;
        this.executionCount = executionCount;
        this.stdin = stdin;
        this.cancel = cancel;
        this.progress = new ProgressDisplay(this::publish, System::nanoTime);
    }

    /** A value the cell shows as its result ({@code execute_result}). */
    void result(JsonObject data) {
        lastResult = data;
        JsonObject content = new JsonObject();
        content.addProperty("execution_count", executionCount);
        content.add("data", data);
        content.add("metadata", new JsonObject());
        publish("execute_result", content);
    }

    /** Something shown on its own ({@code display_data}). */
    void display(JsonObject data) {
        JsonObject content = new JsonObject();
        content.add("data", data);
        content.add("metadata", new JsonObject());
        content.add("transient", new JsonObject());
        publish("display_data", content);
    }

    void stream(String name, String text) {
        if (!silent) {
            iopub.stream(request, name, text);
        }
    }

    ProgressListener progress() {
        return progress;
    }

    /** Asks the frontend for a line; fails when it takes no input. */
    String input(String prompt) {
        if (stdin == null) {
            throw new UnsupportedOperationException("this frontend does not take input "
                    + "(allow_stdin is false)");
        }
        return stdin.ask(request, prompt, false, cancel);
    }

    /** Called once the cell has run; marks unfinished progress as stopped. */
    void close() {
        progress.stopped(cancel.isCancelled() ? "interrupted" : "stopped");
    }

    /** The last result's bundle, or null; kept even when silent (user expressions). */
    JsonObject lastResult() {
        return lastResult;
    }

    private void publish(String type, JsonObject content) {
        if (!silent) {
            iopub.publish(request, type, content);
        }
    }
}
