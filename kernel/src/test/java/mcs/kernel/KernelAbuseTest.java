package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mcs.kernel.HostileMessages.Hostile;
import mcs.kernel.HostileMessages.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * 10,000 hostile messages ({@link HostileMessages}) on the shell and control channels of a
 * real kernel process, through real ZeroMQ sockets on 127.0.0.1, with genuine cells in
 * between. Afterwards the kernel answers the next cell with the right count and result, none
 * of the hostile messages ran (no {@code pwned_*} variable, no {@code PWNED} on iopub, the
 * replayed cell counted once), nothing that is not a genuine message was answered or
 * published about, signed requests with wrongly typed fields got only a {@code BadRequest}
 * error, and the kernel's heap after GC has not grown.
 */
class KernelAbuseTest {

    static final int MESSAGES = 10_000;
    static final int BIG_ONES = 6;
    static final int GENUINE_EVERY = 500;
    /**
     * How much the kernel's heap after a full GC may grow over the flood. What it may keep:
     * the digests of the signed messages it has seen (about 4,000 here, well under 1 MB), the
     * history (at most 2 M characters, {@link History#MAX_CHARS}; the deep cells that fail to
     * parse put up to 1.6 MB of code in it), and what a full GC leaves (measured: the heap
     * grew 2.5 MB in all). What it must not keep is any of the huge messages (6 MB each, sent
     * 6 times), or a leak of more than 1.6 KB per message (16 MB over 10,000): 16 MB catches
     * both.
     */
    static final long HEAP_MARGIN = 16L << 20;
    /**
     * How much the kernel's resident memory may grow. Unlike the heap after GC, it keeps what
     * the JVM has committed: to take in the six 6 MB messages the young generation grows
     * (each is held as frames, a UTF-16 string, a parsed JSON tree and parse tokens at once),
     * and G1 gives little back soon. Measured: 244 -> 530 MB (+286 MB) with a 2 GB heap
     * limit; 768 MB is well above that and well below the 2 GB the heap could take if the
     * messages were kept.
     */
    static final long RSS_MARGIN_KIB = 768L << 10;

    @Test
    void survivesTenThousandHostileMessages(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        try (KernelClient kernel = KernelClient.start(dir)) {
            kernel.run("replayed = 0\nkept = 42");
            Message replayedCell = kernel.submit("replayed = replayed + 1");
            List<List<byte[]>> replayable = new ArrayList<>();
            replayable.add(kernel.codec().encode(replayedCell));
            assertThat(kernel.awaitReply(replayedCell, KernelClient.TIMEOUT).status())
                    .isEqualTo("ok");
            Message info = kernel.send(kernel.shell(), "kernel_info_request", new JsonObject());
            assertThat(kernel.receive(kernel.shell(), info, KernelClient.TIMEOUT)).isNotNull();
            replayable.add(kernel.codec().encode(info));
            Message interrupt = kernel.interrupt();
            assertThat(kernel.receive(kernel.control(), interrupt, KernelClient.TIMEOUT))
                    .isNotNull();
            replayable.add(kernel.codec().encode(interrupt));
            long heapBefore = kernel.settledHeapUsedAfterGc();
            long rssBefore = kernel.rssKiB();
            int countBefore = executionCount(kernel.run("1"));

            List<Hostile> hostile = new HostileMessages(kernel, kernel.info().key(), replayable,
                    20_260_101L).make(MESSAGES, BIG_ONES);
            ZMQ.Socket shell = kernel.connect(SocketType.DEALER, kernel.info().shellPort());
            ZMQ.Socket control = kernel.connect(SocketType.DEALER, kernel.info().controlPort());
            shell.setRcvHWM(0);
            control.setRcvHWM(0);
            Map<Kind, Integer> sent = new EnumMap<>(Kind.class);
            int genuine = 0;
            long floodStarted = System.nanoTime();
            for (int i = 0; i < hostile.size(); i++) {
                Hostile h = hostile.get(i);
                KernelClient.sendFrames(h.control() ? control : shell, h.frames());
                sent.merge(h.kind(), 1, Integer::sum);
                if (i % GENUINE_EVERY == GENUINE_EVERY - 1) {
                    // the kernel keeps answering while it is flooded
                    KernelClient.Executed e = kernel.run("kept + " + i);
                    assertThat(e.results()).containsExactly(String.valueOf(42 + i));
                    genuine++;
                }
            }
            long floodMillis = (System.nanoTime() - floodStarted) / 1_000_000;

            // and the genuine messages of before once more, now that thousands of signed
            // ones have come after them
            for (List<byte[]> frames : replayable) {
                KernelClient.sendFrames(shell, frames);
                KernelClient.sendFrames(control, frames);
                sent.merge(Kind.REPLAYED, 2, Integer::sum);
            }

            // a genuine request on each hostile socket: messages of one connection are taken
            // in order, so once it is answered all the hostile ones before it have been
            Map<String, Hostile> byId = byId(hostile);
            Map<String, Integer> replies = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            Set<String> answered = new HashSet<>();
            for (ZMQ.Socket s : List.of(shell, control)) {
                Message barrier = kernel.send(s, "kernel_info_request", new JsonObject());
                List<byte[]> frames;
                while ((frames = KernelClient.receiveFrames(s, KernelClient.TIMEOUT)) != null) {
                    Message reply = kernel.decode(frames);
                    if (Message.string(reply.parentHeader(), "msg_id").equals(barrier.id())) {
                        break;
                    }
                    check(reply, byId, replies, wrong, answered);
                }
                assertThat(frames).as("no answer to a genuine request after the flood")
                        .isNotNull();
            }
            KernelClient.Executed next = kernel.run("kept * 2");
            // genuine cells count, and so do the signed cells that fail to parse (as in
            // IPython); wrongly typed requests do not
            long failedCells = hostile.stream().filter(h -> h.kind() != Kind.SIGNED_BAD_FIELDS
                    && "execute_reply".equals(h.allowedReply())).count();
            assertThat(executionCount(next))
                    .isEqualTo(countBefore + genuine + 1 + (int) failedCells);
            assertThat(next.results()).containsExactly("84");
            assertThat(kernel.isAlive()).isTrue();

            for (ZMQ.Socket s : List.of(shell, control)) {
                List<byte[]> frames;
                while ((frames = KernelClient.receiveFrames(s, Duration.ofMillis(300))) != null) {
                    check(kernel.decode(frames), byId, replies, wrong, answered);
                }
            }
            assertThat(wrong).as("replies to hostile messages").isEmpty();

            kernel.drainIopub();
            for (Message m : kernel.published()) {
                if (m.type().equals("stream")) {
                    assertThat(Message.string(m.content(), "text")).doesNotContain("PWNED");
                }
                Hostile h = byId.get(Message.string(m.parentHeader(), "msg_id"));
                assertThat(h == null || h.allowedReply() != null
                        || h.kind() == Kind.SIGNED_UNKNOWN_TYPE)
                        .as("iopub about a message that is not genuine: %s", m.content())
                        .isTrue();
            }
            JsonObject probe = KernelClient.executeContent("replayed");
            JsonObject expressions = new JsonObject();
            for (Kind k : Kind.values()) {
                expressions.addProperty(k.name(), k.marker());
            }
            probe.add("user_expressions", expressions);
            Message check = kernel.send(kernel.shell(), "execute_request", probe);
            KernelClient.Executed checked = kernel.awaitReply(check, KernelClient.TIMEOUT);
            assertThat(checked.results()).as("the replayed cell ran once").containsExactly("1");
            JsonObject values = checked.reply().content().getAsJsonObject("user_expressions");
            for (Kind k : Kind.values()) {
                assertThat(Message.string(values.getAsJsonObject(k.name()), "status"))
                        .as("%s is not defined", k.marker()).isEqualTo("error");
            }

            long heapAfter = kernel.heapUsedAfterGc();
            long rssAfter = kernel.rssKiB();
            System.err.printf("[mcs kernel] abuse: %d hostile messages in %d ms (%s), "
                            + "%d genuine cells between; replies to hostile ones: %s; "
                            + "%d iopub messages checked; "
                            + "heap after GC %.1f -> %.1f MB, RSS %.0f -> %.0f MB; "
                            + "test %d ms%n", sent.values().stream().mapToInt(i -> i).sum(),
                    floodMillis, sent, genuine, replies, kernel.published().size(),
                    heapBefore / 1e6, heapAfter / 1e6, rssBefore / 1024.0,
                    rssAfter / 1024.0, (System.nanoTime() - started) / 1_000_000);
            assertThat(heapAfter).as("heap after GC, before the flood: %d", heapBefore)
                    .isLessThan(heapBefore + HEAP_MARGIN);
            assertThat(rssAfter).as("RSS in KiB, before the flood: %d", rssBefore)
                    .isLessThan(rssBefore + RSS_MARGIN_KIB);
        }
    }

    /**
     * A message bigger than the kernel's heap can take in: one frame of 100 MB (refused by
     * the sockets before it is read, {@link Kernel#MAX_FRAME_BYTES}), and signed ones of
     * frames under that whose content, one 60 MB string, the JSON parser cannot hold in a 256
     * MB heap. Neither may end a channel: the control thread died of an OutOfMemoryError.
     */
    @Test
    void aMessageTooBigForTheHeapDoesNotStopTheKernel(@TempDir Path dir) throws Exception {
        try (KernelClient kernel = KernelClient.start(dir, "256m")) {
            kernel.run("kept = 1");
            ZMQ.Socket shell = kernel.connect(SocketType.DEALER, kernel.info().shellPort());
            ZMQ.Socket control = kernel.connect(SocketType.DEALER, kernel.info().controlPort());
            byte[] big = new byte[100 << 20];
            java.util.Arrays.fill(big, (byte) 'x');
            for (ZMQ.Socket s : List.of(shell, control)) {
                KernelClient.sendFrames(s, List.of(WireCodec.DELIMITER, new byte[0], big,
                        "{}".getBytes(), "{}".getBytes(), "{}".getBytes()));
            }
            String code = "\"" + "x".repeat(60 << 20) + "\"";
            Message m = kernel.request("execute_request", KernelClient.executeContent(code));
            List<byte[]> frames = new ArrayList<>(kernel.codec().encode(m));
            frames.add(new byte[60 << 20]);
            frames.add(new byte[60 << 20]);
            KernelClient.sendFrames(shell, frames);
            KernelClient.sendFrames(control, kernel.codec().encode(
                    kernel.request("kernel_info_request", KernelClient.executeContent(code))));
            big = null;
            frames = null;
            for (ZMQ.Socket s : List.of(shell, control)) {
                Message barrier = kernel.send(s, "kernel_info_request", new JsonObject());
                assertThat(kernel.receive(s, barrier, KernelClient.TIMEOUT))
                        .as("%s answers after a message too big; kernel log: %s", s,
                                kernel.log()).isNotNull();
            }
            assertThat(kernel.run("kept + 1").results()).containsExactly("2");
            kernel.log().lines().filter(l -> l.contains("failed to handle"))
                    .forEach(l -> System.err.println("[mcs kernel] too big: " + l));
        }
    }

    private static Map<String, Hostile> byId(List<Hostile> hostile) {
        Map<String, Hostile> byId = new HashMap<>();
        for (Hostile h : hostile) {
            if (!h.msgId().isEmpty()) {
                byId.put(h.msgId(), h);
            }
        }
        return byId;
    }

    /**
     * Counts a reply to a hostile message by type and ename, and notes it as wrong unless it
     * is the one error reply its message may get.
     */
    private static void check(Message reply, Map<String, Hostile> byId,
                              Map<String, Integer> replies, List<String> wrong,
                              Set<String> answered) {
        String parent = Message.string(reply.parentHeader(), "msg_id");
        Hostile h = byId.get(parent);
        String ename = Message.string(reply.content(), "ename");
        replies.merge(reply.type() + (ename.isEmpty() ? "" : " " + ename), 1, Integer::sum);
        if (h == null || !reply.type().equals(h.allowedReply())
                || !Message.string(reply.content(), "status").equals("error")
                || !h.allowedErrors().contains(ename) || !answered.add(parent)) {
            wrong.add(reply.type() + " to " + (h == null ? "?" : h.kind()) + ": "
                    + reply.content());
        }
    }

    private static int executionCount(KernelClient.Executed e) {
        return Message.integer(e.reply().content(), "execution_count", -1);
    }
}
