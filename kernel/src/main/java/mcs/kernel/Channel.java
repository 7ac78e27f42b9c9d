package mcs.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * One bound ROUTER socket (shell, control or stdin) speaking Jupyter messages. Owned by one
 * thread: only that thread receives and sends on it. Frames that are not a genuine message are
 * logged and dropped here, so callers only ever see verified messages.
 */
final class Channel {

    private static final Logger LOG = LoggerFactory.getLogger(Channel.class);

    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    Channel(String name, ZMQ.Socket socket, WireCodec codec) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
    }

    String name() {
        return name;
    }

    /**
     * The next verified message, waiting at most {@code timeoutMillis} (0: do not wait). Empty
     * on timeout or when the frames that came were dropped.
     */
    Optional<Message> receive(int timeoutMillis) {
        List<byte[]> frames = receiveFrames(socket, timeoutMillis);
        if (frames == null) {
            return Optional.empty();
        }
        WireCodec.Decoded decoded = codec.decode(frames);
        if (decoded instanceof WireCodec.Rejected r) {
            LOG.warn("{}: dropped a message: {}", name, r.reason());
            return Optional.empty();
        }
        return Optional.of(((WireCodec.Accepted) decoded).message());
    }

    /** The frames of the next message on {@code socket}, or null after the timeout (0: none). */
    static List<byte[]> receiveFrames(ZMQ.Socket socket, int timeoutMillis) {
        socket.setReceiveTimeOut(timeoutMillis);
        byte[] first = socket.recv(timeoutMillis == 0 ? ZMQ.DONTWAIT : 0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    void send(Message m) {
        List<byte[]> frames = codec.encode(m);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
