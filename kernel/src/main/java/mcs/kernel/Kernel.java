package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * One running kernel: binds the five channels of a connection file and runs a thread each for
 * shell (where cells run), control, and heartbeat; stdin is used by the shell thread and iopub
 * by all. Interrupts come from the control channel or SIGINT; shutdown from either request
 * channel.
 */
final class Kernel {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);
    private static final int LINGER_MILLIS = 1000;
    private static final int JOIN_MILLIS = 2000;
    private static final long SHELL_STACK = 32L << 20;
    /**
     * The largest frame the request channels take in; a peer that sends a bigger one is
     * disconnected before it is read. A cell's code or a reply is KBs, rarely MBs; a frame of
     * hundreds of MB only ran the kernel out of heap (and ended the thread that read it).
     */
    static final long MAX_FRAME_BYTES = 64L << 20;

    private final ConnectionInfo info;
    private final String session = UUID.randomUUID().toString();
    private final ZContext context = new ZContext();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean warming = new AtomicBoolean();
    private final AtomicBoolean engineStarting = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final JsonObject ports = new JsonObject();
    private volatile boolean running = true;
    private Iopub iopub;
    private CellRunner runner;

    Kernel(ConnectionInfo info) {
        this.info = info;
        context.setLinger(LINGER_MILLIS);
    }

    /** Binds the channels and starts answering. */
    void start() {
        WireCodec codec = new WireCodec(new MessageSigner(info.signatureScheme(), info.key()));
        ZMQ.Socket shell = bind(SocketType.ROUTER, "shell", info.shellPort());
        ZMQ.Socket control = bind(SocketType.ROUTER, "control", info.controlPort());
        ZMQ.Socket stdin = bind(SocketType.ROUTER, "stdin", info.stdinPort());
        ZMQ.Socket pub = bind(SocketType.PUB, "iopub", info.iopubPort());
        ZMQ.Socket hb = bind(SocketType.REP, "hb", info.hbPort());
        iopub = new Iopub(pub, codec, session);
        runner = new CellRunner(iopub, new Stdin(new Channel("stdin", stdin, codec), session),
                this::startEngine);
        StdoutCapture.install(runner.output());
        start("mcs-heartbeat", new Heartbeat(hb, this::isRunning), 0);
        start("mcs-control", new Control(new Channel("control", control, codec), iopub, session,
                this), 0);
        start("mcs-shell", new Shell(new Channel("shell", shell, codec), iopub, session, runner,
                this), SHELL_STACK);
        SigintHandler.install(this::interrupt);
        watchParent();
        iopub.status(null, "starting");
        LOG.info("mcs kernel {} listening on {} (shell port {})", session, info.ip(),
                ports.get("shell_port"));
    }

    private ZMQ.Socket bind(SocketType type, String name, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(LINGER_MILLIS);
        if (type == SocketType.ROUTER) {
            socket.setRouterMandatory(false);
            socket.setMaxMsgSize(MAX_FRAME_BYTES);
        }
        int bound = port;
        if (port == 0) {
            bound = socket.bindToRandomPort(info.endpoint(0).replaceAll(":0$", ""));
        } else {
            socket.bind(info.endpoint(port));
        }
        ports.addProperty(name + "_port", bound);
        return socket;
    }

    private void start(String name, Runnable body, long stack) {
        Thread t = new Thread(null, body, name, stack);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    boolean isRunning() {
        return running;
    }

    /** Ports as bound, for {@code connect_reply}. */
    JsonObject ports() {
        return ports.deepCopy();
    }

    /** Stops the running cell, if any (interrupt_request or SIGINT). */
    void interrupt() {
        if (runner != null) {
            runner.interrupt();
        }
    }

    /**
     * Answers a shutdown request on the channel it came from (and on iopub, as IPython does),
     * cancels the running cell and lets {@link #awaitShutdown} return. A restart is the
     * client's job: it starts a new kernel once this one has ended.
     */
    void shutdown(Message request, Channel channel) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", Message.flag(request.content(), "restart", false));
        channel.send(request.reply("shutdown_reply", session, content));
        iopub.publish(request, "shutdown_reply", content);
        stop();
    }

    /** Ends the kernel: cancels the running cell and lets {@link #awaitShutdown} return. */
    void stop() {
        running = false;
        interrupt();
        stopped.countDown();
    }

    /**
     * Ends the kernel when the process that started it ({@code JPY_PARENT_PID}, set by
     * jupyter_client) is gone, as IPython's parent poller does, so a crashed frontend leaves
     * no kernel behind.
     */
    private void watchParent() {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(parent -> parent.onExit()
                .thenRun(() -> {
                    LOG.warn("the process that started this kernel ({}) has ended; "
                            + "shutting down", pid);
                    stop();
                }));
    }

    /**
     * Loads the parser and the builtins in the background, once (after the first kernel_info
     * reply), so start-up stays fast and the first cell does not wait for class loading.
     */
    void warmUp() {
        if (warming.compareAndSet(false, true)) {
            background("mcs-warmup", Warmup::interpreter);
        }
    }

    /**
     * Starts the numeric engine (ND4J, about a second) in the background when the first cell
     * runs: not before a cell needs it, and a later training cell does not wait for it.
     */
    void startEngine() {
        warmUp();
        if (engineStarting.compareAndSet(false, true)) {
            background("mcs-engine-start", Warmup::engine);
        }
    }

    private static void background(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Waits for a shutdown request, lets the threads finish and closes the sockets. */
    void awaitShutdown() throws InterruptedException {
        stopped.await();
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.join(JOIN_MILLIS);
            }
        }
        context.close();
        LOG.info("mcs kernel {} shut down", session);
    }
}
