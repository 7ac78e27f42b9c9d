package mcs.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mcs.interpreter.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell channel's thread: takes requests one at a time, with {@code status: busy} before
 * and {@code idle} after each, and answers them; cells run here, so requests that come while
 * one runs wait their turn (as in IPython). After a failed cell with {@code stop_on_error},
 * execute requests already waiting are answered {@code aborted}. No message ever ends the
 * loop except shutdown.
 */
final class Shell implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Shell.class);
    static final int POLL_MILLIS = 200;

    private final Channel channel;
    private final Iopub iopub;
    private final String session;
    private final CellRunner runner;
    private final Kernel kernel;

    Shell(Channel channel, Iopub iopub, String session, CellRunner runner, Kernel kernel) {
        this.channel = channel;
        this.iopub = iopub;
        this.session = session;
        this.runner = runner;
        this.kernel = kernel;
    }

    @Override
    public void run() {
        while (kernel.isRunning()) {
            try {
                channel.receive(POLL_MILLIS).ifPresent(this::handle);
            } catch (RuntimeException | VirtualMachineError e) {
                // a message too big for the heap, say: the channel goes on with the next
                if (kernel.isRunning()) {
                    LOG.error("shell: failed to handle a message", e);
                }
            }
        }
    }

    void handle(Message m) {
        String type = m.type();
        iopub.status(m, "busy");
        try {
            dispatch(m, type);
        } catch (RuntimeException | VirtualMachineError e) {
            LOG.error("shell: {} failed", type, e);
            if (type.endsWith("_request")) {
                JsonObject error = ErrorReport.internal(e).content();
                error.addProperty("status", "error");
                channel.send(m.reply(type.replace("_request", "_reply"), session, error));
            }
        } finally {
            iopub.status(m, "idle");
        }
    }

    private void dispatch(Message m, String type) {
        Optional<String> problem = RequestCheck.problem(type, m.content());
        if (problem.isPresent()) {
            badRequest(m, type, problem.get());
            return;
        }
        switch (type) {
            case "execute_request" -> execute(m);
            case "kernel_info_request" -> {
                reply(m, "kernel_info_reply", KernelInfo.content());
                kernel.warmUp();
            }
            case "complete_request" -> reply(m, "complete_reply", complete(m.content()));
            case "inspect_request" -> reply(m, "inspect_reply", inspect(m.content()));
            case "is_complete_request" -> reply(m, "is_complete_reply",
                    Completeness.check(Message.string(m.content(), "code")));
            case "history_request" -> reply(m, "history_reply",
                    runner.history().answer(m.content()));
            case "comm_info_request" -> reply(m, "comm_info_reply", commInfo());
            case "comm_open" -> commClose(m);
            case "comm_msg", "comm_close" -> LOG.debug("shell: ignored {} (no comms)", type);
            case "shutdown_request" -> kernel.shutdown(m, channel);
            case "connect_request" -> reply(m, "connect_reply", kernel.ports());
            default -> LOG.warn("shell: unknown message type {}", type);
        }
    }

    /** Answers a request with a wrongly typed field with an error, and does nothing else. */
    private void badRequest(Message m, String type, String problem) {
        LOG.warn("shell: refused a request: {}", problem);
        JsonObject error = RequestCheck.errorContent(problem);
        if (type.equals("execute_request")) {
            error.addProperty("execution_count", runner.executionCount());
        }
        reply(m, type.replace("_request", "_reply"), error);
    }

    private void execute(Message m) {
        CellRunner.Outcome outcome = runner.execute(m);
        List<Message> waiting = outcome.failed()
                && Message.flag(m.content(), "stop_on_error", true) ? takeWaiting() : List.of();
        reply(m, "execute_reply", outcome.reply());
        waiting.forEach(this::abortOrHandle);
    }

    /**
     * The requests that came while the failed cell ran, taken before its reply goes out, so a
     * request a client sends after seeing that reply is never among them.
     */
    private List<Message> takeWaiting() {
        List<Message> waiting = new ArrayList<>();
        Optional<Message> next;
        while ((next = channel.receive(0)).isPresent()) {
            waiting.add(next.get());
        }
        return waiting;
    }

    /** Answers a waiting execute request with {@code aborted}; any other request normally. */
    private void abortOrHandle(Message m) {
        if (!m.type().equals("execute_request")) {
            handle(m);
            return;
        }
        iopub.status(m, "busy");
        JsonObject aborted = new JsonObject();
        aborted.addProperty("status", "aborted");
        reply(m, "execute_reply", aborted);
        iopub.status(m, "idle");
    }

    private void reply(Message request, String type, JsonObject content) {
        channel.send(request.reply(type, session, content));
    }

    private JsonObject complete(JsonObject c) {
        String code = Message.string(c, "code");
        int cursor = CodePoints.toCharIndex(code, Message.integer(c, "cursor_pos",
                code.codePointCount(0, code.length())));
        Session s = runner.session();
        Completer.Completion done = new Completer(s.builtins(), s::variables, Session.keywords())
                .complete(code, cursor);
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        JsonArray matches = new JsonArray();
        JsonArray types = new JsonArray();
        int start = CodePoints.toCodePointIndex(code, done.start());
        int end = CodePoints.toCodePointIndex(code, done.end());
        for (String match : done.matches()) {
            matches.add(match);
            JsonObject t = new JsonObject();
            t.addProperty("start", start);
            t.addProperty("end", end);
            t.addProperty("text", match);
            t.addProperty("type", done.kinds().get(match));
            s.builtins().spec(match).ifPresent(spec -> t.addProperty("signature",
                    spec.signature()));
            types.add(t);
        }
        reply.add("matches", matches);
        reply.addProperty("cursor_start", start);
        reply.addProperty("cursor_end", end);
        JsonObject metadata = new JsonObject();
        metadata.add("_jupyter_types_experimental", types);
        reply.add("metadata", metadata);
        return reply;
    }

    private JsonObject inspect(JsonObject c) {
        String code = Message.string(c, "code");
        int cursor = CodePoints.toCharIndex(code, Message.integer(c, "cursor_pos",
                code.codePointCount(0, code.length())));
        Session s = runner.session();
        Optional<JsonObject> data = new Inspector(s.builtins(), s::variables).inspect(code, cursor);
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("found", data.isPresent());
        reply.add("data", data.orElseGet(JsonObject::new));
        reply.add("metadata", new JsonObject());
        return reply;
    }

    private static JsonObject commInfo() {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.add("comms", new JsonObject());
        return reply;
    }

    /** No comm targets exist: close a comm a frontend opens, as IPython does. */
    private void commClose(Message m) {
        LOG.warn("shell: no comm target {}", Message.string(m.content(), "target_name"));
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", Message.string(m.content(), "comm_id"));
        close.add("data", new JsonObject());
        iopub.publish(m, "comm_close", close);
    }
}
