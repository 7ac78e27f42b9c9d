package mcs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs bench/pytorch_bench.py (shipped inside the jar) with Debian's python3-torch, with as
 * many threads as mcs uses, and reads its {@code name value unit} lines. PyTorch runs twice,
 * with its defaults (OpenMP threads spin between parallel regions) and with
 * {@code OMP_WAIT_POLICY=PASSIVE}, both with OpenBLAS's own default thread waiting, and each
 * measure keeps PyTorch's better figure: which wins depends on the workload (LeNet-300's
 * training is about twice as fast passive here, LeNet-5's a little slower).
 */
final class PyTorch {

    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "/mcs/bench/pytorch_bench.py";

    /** What is missing to compare with PyTorch, or null when it can run. */
    static String missing() {
        String install = "PyTorch for /usr/bin/python3: apt-get install python3-torch "
                + "libopenblas0-pthread";
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return install;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : install;
        } catch (IOException e) {
            return install;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return install;
        }
    }

    Map<String, Measure> run(String suite) throws IOException, InterruptedException {
        Map<String, Measure> best = runOnce(suite, null);
        runOnce(suite, "PASSIVE").forEach((name, m) -> best.merge(name, m,
                (a, b) -> b.advantageOver(a) > 1 ? b : a));
        addLatencyShares(best);
        return best;
    }

    /**
     * The structured model's latency as a share of the dense one's at each batch, from the
     * latencies kept (so the share is not itself picked as the better of two runs).
     */
    static void addLatencyShares(Map<String, Measure> lines) {
        for (String prefix : new String[] {InferSuite.PREFIX, InferSuite.CONVNET}) {
            for (int batch : InferSuite.BATCHES) {
                Measure s = lines.get(prefix + "structured.b" + batch);
                Measure d = lines.get(prefix + "dense.b" + batch);
                if (s != null && d != null) {
                    String name = InferSuite.shareName(prefix, batch);
                    lines.put(name, new Measure(name, s.value() / d.value(), "x"));
                }
            }
        }
    }

    /** One run of the suite, with {@code OMP_WAIT_POLICY} set to {@code waitPolicy} or unset. */
    private Map<String, Measure> runOnce(String suite, String waitPolicy)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("mcs-pytorch-bench", ".py");
        try (InputStream in = PyTorch.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException(SCRIPT + " is not in the jar");
            }
            Files.write(script, in.readAllBytes());
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), suite,
                    Integer.toString(threads())).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().remove("OPENBLAS_THREAD_TIMEOUT"); // mcs's setting, not PyTorch's
            if (waitPolicy == null) { // PyTorch's defaults
                pb.environment().remove("OMP_WAIT_POLICY");
            } else {
                pb.environment().put("OMP_WAIT_POLICY", waitPolicy);
            }
            Process p = pb.start();
            String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("the PyTorch " + suite + " benchmark failed");
            }
            Map<String, Measure> out = new LinkedHashMap<>();
            printed.lines().filter(l -> !l.isBlank()).map(Measure::parse)
                    .forEach(m -> out.put(m.name(), m));
            return out;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        try {
            return omp == null ? Runtime.getRuntime().availableProcessors()
                    : Math.max(1, Integer.parseInt(omp.trim()));
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
