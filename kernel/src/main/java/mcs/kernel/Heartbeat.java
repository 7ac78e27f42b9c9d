package mcs.kernel;

import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/** The heartbeat channel: echoes every ping at once, on its own thread, whatever else runs. */
final class Heartbeat implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ZMQ.Socket socket;
    private final BooleanSupplier running;

    Heartbeat(ZMQ.Socket socket, BooleanSupplier running) {
        this.socket = socket;
        this.running = running;
    }

    @Override
    public void run() {
        socket.setReceiveTimeOut(Shell.POLL_MILLIS);
        while (running.getAsBoolean()) {
            try {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    continue;
                }
                while (socket.hasReceiveMore()) {
                    socket.send(ping, ZMQ.SNDMORE);
                    ping = socket.recv(0);
                }
                socket.send(ping, 0);
            } catch (RuntimeException | VirtualMachineError e) {
                if (running.getAsBoolean()) {
                    LOG.warn("heartbeat: {}", e.toString());
                }
            }
        }
    }
}
