package mcs.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code mcs bench [suite...] [--compare-pytorch]}: runs the suites (all when none is named)
 * and prints one line per measure, {@code name value unit}; with {@code --compare-pytorch}
 * each line also has PyTorch's figure for the same workload, measured in the same run, and
 * the ratio (above 1: mcs is faster).
 */
public final class Bench {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int FAILED = 70;
    static final String USAGE_LINE = "usage: mcs bench [train|infer|compression|startup|memory|"
            + "sweep]... [--compare-pytorch]";

    private static final Map<String, Supplier<Suite>> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("train", TrainSuite::new);
        SUITES.put("infer", InferSuite::new);
        SUITES.put("compression", CompressionSuite::new);
        SUITES.put("startup", StartupSuite::new);
        SUITES.put("memory", MemorySuite::new);
        SUITES.put("sweep", SweepSuite::new);
    }

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs what {@code args} (the words after {@code bench}) ask; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean compare = false;
        List<Suite> suites = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--compare-pytorch")) {
                compare = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE_LINE);
                return OK;
            } else if (SUITES.containsKey(a)) {
                suites.add(SUITES.get(a).get());
            } else {
                err.println("mcs bench: no suite '" + a + "'");
                err.println(USAGE_LINE);
                return USAGE;
            }
        }
        if (suites.isEmpty()) {
            SUITES.values().forEach(s -> suites.add(s.get()));
        }
        PyTorch torch = null;
        if (compare) {
            String missing = PyTorch.missing();
            if (missing != null) {
                err.println("mcs bench: --compare-pytorch needs " + missing);
                return FAILED;
            }
            torch = new PyTorch();
        }
        try {
            for (Suite s : suites) {
                runSuite(s, torch, out);
            }
            return OK;
        } catch (Exception e) {
            err.println("mcs bench: " + e);
            return FAILED;
        }
    }

    private static void runSuite(Suite suite, PyTorch torch, PrintStream out) throws Exception {
        if (torch == null || !suite.comparable()) {
            suite.run(m -> out.println(m.line()));
            return;
        }
        List<Measure> ours = new ArrayList<>();
        suite.run(ours::add);
        Map<String, Measure> theirs = torch.run(suite.name());
        for (Measure m : ours) {
            Measure t = theirs.get(m.name());
            out.println(t == null ? m.line() + "  pytorch -"
                    : String.format(Locale.ROOT, "%s  pytorch %s %s  ratio %.2f", m.line(),
                            Measure.format(t.value()), t.unit(), m.advantageOver(t)));
        }
        out.flush();
    }
}
