package mcs.runtime;

import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/** Start-up of the numeric backend: threads and quiet logging; and what it runs on. */
public final class Engine {

    private static final Object LOCK = new Object();
    private static volatile boolean ready;

    private Engine() {
    }

    /**
     * Prepares ND4J once: javacpp logging through SLF4J, as many ND4J threads as the machine
     * has cores (or {@code OMP_NUM_THREADS}). Safe to call repeatedly and from any thread.
     */
    public static void init() {
        if (ready) {
            return;
        }
        synchronized (LOCK) {
            if (ready) {
                return;
            }
            System.setProperty("org.bytedeco.javacpp.logger",
                    System.getProperty("org.bytedeco.javacpp.logger", "slf4j"));
            int threads = threads();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            ready = true;
        }
    }

    static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        try {
            if (omp != null && Integer.parseInt(omp.trim()) > 0) {
                return Integer.parseInt(omp.trim());
            }
        } catch (NumberFormatException ignored) {
            // fall back to the core count
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** One line: backend, BLAS vendor, oneDNN, threads, cores. */
    public static String describe() {
        init();
        Map<Object, Object> info = Nd4j.getExecutioner().getEnvironmentInformation();
        boolean onednn = Nd4j.getEnvironment().helpersAllowed();
        return String.format(Locale.ROOT, "ND4J %s backend, BLAS %s, oneDNN %s, %d threads, %s cores",
                info.getOrDefault("backend", "?"), info.getOrDefault("blas.vendor", "?"),
                onednn ? "on" : "off", Nd4j.getEnvironment().maxThreads(),
                info.getOrDefault("cores", Runtime.getRuntime().availableProcessors()));
    }
}
