package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import mcs.runtime.Cancellation;

/**
 * Asks the frontend for input on the stdin channel ({@code input_request}, answered by
 * {@code input_reply}). Used on the shell thread only, while a cell runs; an interrupt stops
 * the wait.
 */
final class Stdin {

    private static final int POLL_MILLIS = 50;

    private final Channel channel;
    private final String session;

    Stdin(Channel channel, String session) {
        this.channel = channel;
        this.session = session;
    }

    /**
     * Sends {@code prompt} to the client that made {@code request} and waits for its answer.
     *
     * @throws mcs.runtime.CancelledException when {@code cancel} says so while waiting
     */
    String ask(Message request, String prompt, boolean password, Cancellation cancel) {
        while (channel.receive(0).isPresent()) {
            // drop answers to questions nobody is waiting for any more
        }
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", password);
        channel.send(new Message(request.identities(), Message.header("input_request", session),
                request.header(), new JsonObject(), content, List.of()));
        while (true) {
            cancel.check();
            Optional<Message> answer = channel.receive(POLL_MILLIS);
            if (answer.isPresent() && answer.get().type().equals("input_reply")) {
                return Message.string(answer.get().content(), "value");
            }
        }
    }
}
