package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel's thread: answers while a cell runs on the shell thread, so an
 * {@code interrupt_request} stops a training at once and {@code shutdown_request} is never
 * stuck behind a cell.
 */
final class Control implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Control.class);

    private final Channel channel;
    private final Iopub iopub;
    private final String session;
    private final Kernel kernel;

    Control(Channel channel, Iopub iopub, String session, Kernel kernel) {
        this.channel = channel;
        this.iopub = iopub;
        this.session = session;
        this.kernel = kernel;
    }

    @Override
    public void run() {
        while (kernel.isRunning()) {
            try {
                channel.receive(Shell.POLL_MILLIS).ifPresent(this::handle);
            } catch (RuntimeException | VirtualMachineError e) {
                // a message too big for the heap, say: the channel goes on with the next
                if (kernel.isRunning()) {
                    LOG.error("control: failed to handle a message", e);
                }
            }
        }
    }

    private void handle(Message m) {
        iopub.status(m, "busy");
        try {
            Optional<String> problem = RequestCheck.problem(m.type(), m.content());
            if (problem.isPresent()) {
                LOG.warn("control: refused a request: {}", problem.get());
                channel.send(m.reply(m.type().replace("_request", "_reply"), session,
                        RequestCheck.errorContent(problem.get())));
                return;
            }
            switch (m.type()) {
                case "interrupt_request" -> {
                    kernel.interrupt();
                    JsonObject ok = new JsonObject();
                    ok.addProperty("status", "ok");
                    channel.send(m.reply("interrupt_reply", session, ok));
                }
                case "shutdown_request" -> kernel.shutdown(m, channel);
                case "kernel_info_request" ->
                        channel.send(m.reply("kernel_info_reply", session, KernelInfo.content()));
                default -> LOG.warn("control: unsupported message type {}", m.type());
            }
        } finally {
            iopub.status(m, "idle");
        }
    }
}
