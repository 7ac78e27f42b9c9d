package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupts 21 long operations of a real kernel process on the real Fashion-MNIST data, as a
 * frontend does for a kernelspec with {@code interrupt_mode: message}: an
 * {@code interrupt_request} on the control channel once the operation has shown progress or
 * has run for a while. Each execute request is answered within a second or so with the
 * error {@code Interrupted}, the statement that was running assigns nothing, and the
 * variables defined before are intact. Two of them could not be stopped before: lowrank of a
 * large layer (its SVD asked nobody) and an endless %java loop (JShell ran it to the end).
 */
class KernelInterruptTest {

    /** How long an operation runs before the interrupt when it shows no progress. */
    static final Duration RUNNING = Duration.ofMillis(1500);
    /**
     * The product's goal is 1 s from interrupt_request to execute_reply. Each operation asks
     * for an interrupt at least every few tens of ms (a training or evaluation step, a loop
     * iteration, a call, a row of an SVD, a JShell watch tick). Measured here, on 2 cores
     * shared with other builds, in two runs: min 4 ms, median 10-12 ms, max 76-91 ms (the
     * slowest: a LeNet-5 training step). A loaded CI machine may keep a reply waiting for a
     * core or a GC pause, so: every one within 3 s, and the median within the goal.
     */
    static final Duration EACH = Duration.ofSeconds(3);
    static final Duration MEDIAN = Duration.ofSeconds(1);

    static final String SETUP = """
            fmnist = dataset("fashion-mnist")
            q = subset(fmnist, train=8000, test=2000)
            m = lenet300(seed=1)
            k5 = lenet5(seed=1)
            big = mlp([2048, 2048])
            base = m | train(q, epochs=1)
            started = sweep(base, subset(q, train=1000, test=200), prune=[0.5], workers=1)
            kept = 42
            def depth(n) {
              if n == 0 { 0 } else { depth(n - 1) + 1 }
            }
            """;

    /**
     * The operations, each far longer than the time it runs before its interrupt. Those that
     * are one statement assign {@code r}, which must stay undefined; loops assign {@code x}
     * (the iterations done before the interrupt keep theirs).
     */
    static final List<String> OPERATIONS = List.of(
            "r = m | train(fmnist, epochs=50)",
            "r = k5 | train(fmnist, epochs=10)",
            "r = base | finetune(fmnist, epochs=50)",
            "r = base | prune(0.8, schedule=poly) | finetune(fmnist, epochs=50)",
            "r = base | prune(nm=[2, 4]) | finetune(fmnist, epochs=50)",
            "r = base | cluster(16) | finetune(fmnist, epochs=50)",
            "r = base | qat(int8) | finetune(fmnist, epochs=50)",
            "r = lenet300(seed=2) | distill(base, fmnist, epochs=50)",
            "r = sweep(base, q, prune=[0.5, 0.8, 0.9, 0.95], finetune=50, workers=1, "
                    + "out=\"interrupted.jsonl\")",
            "r = sensitivity(base, fmnist, sparsity=[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, "
                    + "0.9, 0.95, 0.99])",
            "for i in range(1000) { x = sensitivity(base, fmnist, method=quantize, bits=4) }",
            "for i in range(1000000) { for j in range(100) { x = i * j } }",
            "for i in range(1000000) { x = depth(300) }",
            "for i in range(100000) { x = accuracy(base, fmnist.test) }",
            "for i in range(1000) { x = base | quantize(int8, mode=static, calibrate=fmnist, "
                    + "samples=20000, method=entropy) }",
            "r = big | lowrank(energy=0.9)",
            "for i in range(100000) { x = base | cluster(16) }",
            "for i in range(1000) { x = report(base, base | prune(0.9)) }",
            "r = input(\"never answered: \")",
            "%java while (true) { Thread.onSpinWait(); }",
            "%java Thread.sleep(600_000)");

    record Interrupted(String operation, long millis) { }

    @Test
    void interruptsLongOperationsWithinASecond(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        List<Interrupted> measured = new ArrayList<>();
        try (KernelClient kernel = KernelClient.start(dir)) {
            kernel.run(SETUP);
            List<String> before = kernel.run("kept\nparams(base)\nq.test").results();
            for (String op : OPERATIONS) {
                measured.add(interrupt(kernel, op));
                System.err.printf("[mcs kernel] interrupted in %d ms: %s%n",
                        measured.get(measured.size() - 1).millis(), op);
                assertThat(kernel.execute("r").status()).as("%s assigned nothing", op)
                        .isEqualTo("error");
                assertThat(kernel.run("kept\nparams(base)\nq.test").results())
                        .as("after %s", op).isEqualTo(before).startsWith("42");
            }
        }
        List<Long> sorted = measured.stream().map(Interrupted::millis).sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.err.printf("[mcs kernel] interrupt to execute_reply over %d operations, ms: "
                        + "min %d, median %d, max %d; test %d s%n", measured.size(),
                sorted.get(0), median, sorted.get(sorted.size() - 1),
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(measured).allSatisfy(i -> assertThat(i.millis()).as(i.operation())
                .isLessThan(EACH.toMillis()));
        assertThat(median).isLessThan(MEDIAN.toMillis());
    }

    /** Starts {@code op}, interrupts it once it runs, and checks the reply; returns the time. */
    private static Interrupted interrupt(KernelClient kernel, String op) {
        JsonObject content = KernelClient.executeContent(op);
        content.addProperty("allow_stdin", true);
        Message request = kernel.send(kernel.shell(), "execute_request", content);
        awaitRunning(kernel, request);
        long sent = System.nanoTime();
        Message interrupt = kernel.interrupt();
        Message reply = kernel.receive(kernel.shell(), request, KernelClient.TIMEOUT);
        long millis = (System.nanoTime() - sent) / 1_000_000;
        assertThat(reply).as("no reply to %s after its interrupt; kernel log: %s", op,
                kernel.log()).isNotNull();
        JsonObject c = reply.content();
        assertThat(Message.string(c, "status")).as("%s: %s", op, c).isEqualTo("error");
        assertThat(Message.string(c, "ename")).as("%s: %s", op, c).isEqualTo("Interrupted");
        assertThat(Message.string(c, "evalue")).isEqualTo("interrupted");
        Message interruptReply = kernel.receive(kernel.control(), interrupt,
                KernelClient.TIMEOUT);
        assertThat(interruptReply).isNotNull();
        assertThat(Message.string(interruptReply.content(), "status")).isEqualTo("ok");
        kernel.iopubUntilIdle(request, KernelClient.TIMEOUT);
        return new Interrupted(op, millis);
    }

    /**
     * Waits until the operation shows progress or output, or has run for {@link #RUNNING}
     * since its execute_input; fails if it has already ended.
     */
    private static void awaitRunning(KernelClient kernel, Message request) {
        long deadline = Long.MAX_VALUE;
        long limit = System.nanoTime() + KernelClient.TIMEOUT.toNanos();
        while (System.nanoTime() < Math.min(deadline, limit)) {
            Message m = kernel.receiveIopub(Duration.ofMillis(20));
            if (m == null || !Message.string(m.parentHeader(), "msg_id").equals(request.id())) {
                continue;
            }
            switch (m.type()) {
                case "execute_input" -> deadline = System.nanoTime() + RUNNING.toNanos();
                case "stream", "display_data", "update_display_data" -> {
                    return;
                }
                case "status" -> assertThat(Message.string(m.content(), "execution_state"))
                        .as("%s ended before its interrupt", request.content())
                        .isNotEqualTo("idle");
                default -> {
                    // results of earlier statements
                }
            }
        }
        assertThat(deadline).as("no execute_input for %s", request.content())
                .isNotEqualTo(Long.MAX_VALUE);
    }
}
