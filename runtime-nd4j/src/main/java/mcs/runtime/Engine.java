package mcs.runtime;

import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of the numeric backend: the backend choice ({@link BackendPlan}), threads and quiet
 * logging; and what it runs on ({@link EngineFacts}, for {@code backend()} and
 * {@code mcs doctor}).
 */
public final class Engine {

    /** The class that is on the class path only in a {@code -Pcuda} build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Object LOCK = new Object();
    private static volatile boolean ready;
    private static volatile BackendPlan plan;

    private Engine() {
    }

    /**
     * Prepares ND4J once: the backend chosen by {@link #backendPlan()}, javacpp logging through
     * SLF4J, as many ND4J threads as the machine has cores (or {@code OMP_NUM_THREADS}). Safe to
     * call repeatedly and from any thread.
     */
    public static void init() {
        if (ready) {
            return;
        }
        synchronized (LOCK) {
            if (ready) {
                return;
            }
            BackendPlan p = backendPlan();
            if (p.notice() != null) {
                LOG.warn(p.notice());
            }
            System.setProperty("org.bytedeco.javacpp.logger",
                    System.getProperty("org.bytedeco.javacpp.logger", "slf4j"));
            int threads = threads();
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            ready = true;
        }
    }

    /**
     * The backend choice for this process ({@code MCS_BACKEND}, the build, the GPU), made once
     * and without loading ND4J; throws {@link InvalidInputException} for a choice that cannot
     * be honoured (cuda asked for without a usable GPU).
     */
    public static BackendPlan backendPlan() {
        BackendPlan p = plan;
        if (p == null) {
            BackendPlan.Mode mode = BackendPlan.mode(System.getProperty(BackendPlan.PROPERTY),
                    System.getenv(BackendPlan.VARIABLE));
            boolean cuda = cudaBuild();
            p = BackendPlan.decide(mode, cuda, cuda && mode != BackendPlan.Mode.CPU
                    ? Gpu.find() : null);
            plan = p;
        }
        return p;
    }

    static boolean cudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, Engine.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** ND4J's threads: {@code OMP_NUM_THREADS} when set to a positive number, else the cores. */
    public static int threads() {
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

    /** One line: backend, BLAS vendor, oneDNN, threads, cores, GPU. */
    public static String describe() {
        init();
        return EngineFacts.collect().summary();
    }

    /** What {@code mcs doctor} prints: one {@code name: value} line per fact. */
    public static List<String> doctor() {
        init();
        return EngineFacts.collect().lines();
    }
}
