package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A kernel started as Jupyter starts it, in its own JVM ({@link Jupyter#kernelArgv}) with a
 * connection file of free ports on 127.0.0.1 and a random key, and a client that speaks to it
 * with JeroMQ sockets: a DEALER each for shell and control, a SUB for iopub. Messages are
 * framed and signed by the kernel's own {@link WireCodec} with the same key, and raw sockets
 * send frames as they are, for messages no real client would send. The kernel's stderr goes
 * to {@code kernel.log} in the directory given.
 */
final class KernelClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /** A request's reply and what it published on iopub until idle. */
    record Executed(Message reply, List<Message> iopub) {

        String status() {
            return Message.string(reply.content(), "status");
        }

        /** The text/plain of the execute_results, in order. */
        List<String> results() {
            return iopub.stream().filter(m -> m.type().equals("execute_result"))
                    .map(m -> Message.string(m.content().getAsJsonObject("data"), "text/plain"))
                    .toList();
        }

        /** All stream text, stdout and stderr. */
        String streams() {
            StringBuilder s = new StringBuilder();
            iopub.stream().filter(m -> m.type().equals("stream"))
                    .forEach(m -> s.append(Message.string(m.content(), "text")));
            return s.toString();
        }
    }

    private final ConnectionInfo info;
    private final Process process;
    private final Path log;
    private final WireCodec codec;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final String session = "test-client";
    private final List<Message> published = new ArrayList<>();

    private KernelClient(ConnectionInfo info, Process process, Path log) {
        this.info = info;
        this.process = process;
        this.log = log;
        this.codec = new WireCodec(new MessageSigner(info.signatureScheme(), info.key()));
        context.setLinger(0);
        shell = connect(SocketType.DEALER, info.shellPort());
        control = connect(SocketType.DEALER, info.controlPort());
        iopub = connect(SocketType.SUB, info.iopubPort());
        iopub.setRcvHWM(0);
        iopub.subscribe(new byte[0]);
    }

    /** Starts a kernel and waits until it answers and its iopub reaches this client. */
    static KernelClient start(Path dir) throws IOException {
        return start(dir, "2g");
    }

    /** {@link #start(Path)} with a heap of {@code heap} ({@code -Xmx}) for the kernel. */
    static KernelClient start(Path dir, String heap) throws IOException {
        String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        int[] ports = freePorts(5);
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1],
                ports[2], ports[3], ports[4], key, "hmac-sha256");
        Path file = dir.resolve("connection.json");
        Files.writeString(file, """
                {"transport": "tcp", "ip": "127.0.0.1", "shell_port": %d, "iopub_port": %d,
                 "stdin_port": %d, "control_port": %d, "hb_port": %d, "key": "%s",
                 "signature_scheme": "hmac-sha256", "kernel_name": "mcs-test"}
                """.formatted(ports[0], ports[1], ports[2], ports[3], ports[4], key),
                StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>();
        for (String a : Jupyter.kernelArgv()) {
            argv.add(a.equals("{connection_file}") ? file.toString()
                    : a.startsWith("-Xmx") ? "-Xmx" + heap : a);
        }
        Path log = dir.resolve("kernel.log");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "2");
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        KernelClient client = new KernelClient(info, pb.start(), log);
        client.awaitReady();
        return client;
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1,
                        java.net.InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * Sends kernel_info requests until one is answered and its status reaches iopub (a SUB
     * socket gets messages only once its subscription has reached the publisher).
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the kernel ended: %s", log()).isTrue();
            Message request = send(shell, "kernel_info_request", new JsonObject());
            if (receive(shell, request, Duration.ofSeconds(2)) == null) {
                continue;
            }
            if (receiveIopub(Duration.ofMillis(500)) != null) {
                drainIopub();
                return;
            }
        }
        throw new AssertionError("the kernel did not answer within " + TIMEOUT + ": " + log());
    }

    ZMQ.Socket shell() {
        return shell;
    }

    ZMQ.Socket control() {
        return control;
    }

    ConnectionInfo info() {
        return info;
    }

    /** A codec with the kernel's key, to sign messages by hand. */
    WireCodec codec() {
        return codec;
    }

    /** A new DEALER socket on {@code port}, closed with this client. */
    ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        s.connect(info.endpoint(port));
        return s;
    }

    /** A signed request of {@code type} from this client's session. */
    Message request(String type, JsonObject content) {
        return new Message(List.of(), Message.header(type, session), new JsonObject(),
                new JsonObject(), content, List.of());
    }

    /** Signs and sends a new request on {@code socket}; returns it. */
    Message send(ZMQ.Socket socket, String type, JsonObject content) {
        Message m = request(type, content);
        sendFrames(socket, codec.encode(m));
        return m;
    }

    static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** The next frames on {@code socket}, or null after {@code timeout}. */
    static List<byte[]> receiveFrames(ZMQ.Socket socket, Duration timeout) {
        return Channel.receiveFrames(socket, (int) Math.max(1, timeout.toMillis()));
    }

    /** The reply to {@code request} on {@code socket}, or null after {@code timeout}. */
    Message receive(ZMQ.Socket socket, Message request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            List<byte[]> frames = receiveFrames(socket, Duration.ofNanos(left));
            if (frames == null) {
                return null;
            }
            Message m = decode(frames);
            if (Message.string(m.parentHeader(), "msg_id").equals(request.id())) {
                return m;
            }
        }
    }

    /** Decodes what the kernel sent; fails the test if it is not a genuine message. */
    Message decode(List<byte[]> frames) {
        WireCodec.Decoded d = codec.decode(frames);
        assertThat(d).as("the kernel sent a message this client cannot check")
                .isInstanceOf(WireCodec.Accepted.class);
        return ((WireCodec.Accepted) d).message();
    }

    /** The next iopub message, or null after {@code timeout}. */
    Message receiveIopub(Duration timeout) {
        List<byte[]> frames = receiveFrames(iopub, timeout);
        if (frames == null) {
            return null;
        }
        Message m = decode(frames);
        published.add(m);
        return m;
    }

    /** Every iopub message this client has received, in order. */
    List<Message> published() {
        return List.copyOf(published);
    }

    /** Drops what iopub has queued. */
    List<Message> drainIopub() {
        List<Message> drained = new ArrayList<>();
        Message m;
        while ((m = receiveIopub(Duration.ofMillis(50))) != null) {
            drained.add(m);
        }
        return drained;
    }

    /** The iopub messages whose parent is {@code request}, up to its idle status. */
    List<Message> iopubUntilIdle(Message request, Duration timeout) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("no idle status for %s within %s", request.type(), timeout)
                    .isPositive();
            Message m = receiveIopub(Duration.ofNanos(left));
            if (m == null || !Message.string(m.parentHeader(), "msg_id").equals(request.id())) {
                continue;
            }
            if (m.type().equals("status")
                    && Message.string(m.content(), "execution_state").equals("idle")) {
                return out;
            }
            out.add(m);
        }
    }

    /** Content of an execute request for {@code code}, as jupyter_client sends it. */
    static JsonObject executeContent(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return c;
    }

    /** Sends an execute request on the shell (without waiting); returns it. */
    Message submit(String code) {
        return send(shell, "execute_request", executeContent(code));
    }

    /** Runs {@code code} and waits for its reply and its iopub messages up to idle. */
    Executed execute(String code) {
        Message request = submit(code);
        return awaitReply(request, TIMEOUT);
    }

    /** The reply to a submitted execute request and its iopub messages up to idle. */
    Executed awaitReply(Message request, Duration timeout) {
        Message reply = receive(shell, request, timeout);
        assertThat(reply).as("no reply to %s within %s; kernel log: %s", request.type(),
                timeout, log()).isNotNull();
        return new Executed(reply, iopubUntilIdle(request, TIMEOUT));
    }

    /** Runs {@code code} and checks that it went well. */
    Executed run(String code) {
        Executed e = execute(code);
        assertThat(e.status()).as("%s: %s", code, e.reply().content()).isEqualTo("ok");
        return e;
    }

    /** Sends interrupt_request on the control channel; returns it. */
    Message interrupt() {
        return send(control, "interrupt_request", new JsonObject());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The kernel process's resident set size, from /proc. */
    long rssKiB() throws IOException {
        String status = Files.readString(Path.of("/proc", String.valueOf(pid()), "status"));
        Matcher m = RSS.matcher(status);
        assertThat(m.find()).as(status).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * The kernel JVM's heap in use after a full GC (the heap pools' usage after their last
     * collection), asked through a %java cell, once the kernel's background warm-up (the
     * interpreter's classes, ND4J) has ended, so what it loads is not counted as growth.
     */
    long heapUsedAfterGc() {
        Executed e = run("""
                %java
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().startsWith("mcs-warmup")
                            || t.getName().startsWith("mcs-engine-start")) {
                        t.join();
                    }
                }
                System.gc();
                long used = 0;
                for (var pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == java.lang.management.MemoryType.HEAP
                            && pool.getCollectionUsage() != null) {
                        used += pool.getCollectionUsage().getUsed();
                    }
                }
                used
                """);
        assertThat(e.results()).as(e.iopub().toString()).hasSize(1);
        return Long.parseLong(e.results().get(0).replaceAll("[^0-9]", ""));
    }

    /**
     * {@link #heapUsedAfterGc} once it has settled: read every second until two readings in a
     * row are within 1 MB (at most 30 s). After its first %java cell JShell indexes the class
     * path in the background for a few seconds (about 25 MB that it keeps), which is not
     * growth of the kernel's own.
     */
    long settledHeapUsedAfterGc() throws InterruptedException {
        long last = heapUsedAfterGc();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            long now = heapUsedAfterGc();
            if (Math.abs(now - last) < (1 << 20)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The kernel's log so far (its stderr). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Asks the kernel to shut down, then ends it if it has not within 10 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (process.isAlive()) {
                JsonObject c = new JsonObject();
                c.addProperty("restart", false);
                send(control, "shutdown_request", c);
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
            context.close();
        }
    }
}
