package mcs.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the engine runs on, collected once per question: the ND4J backend, BLAS, oneDNN,
 * threads, the CPU's vector features, Java, memory limits and the GPU. The language's
 * {@code backend()} shows {@link #summary()}, {@code mcs doctor} shows {@link #lines()}.
 */
public record EngineFacts(String backend, String blas, boolean onednn, String ompThreads,
                          int nd4jThreads, int cores, String cpu, List<String> cpuFeatures,
                          String java, long maxHeap, long maxOffHeap, long maxPhysical,
                          String backendChoice, String gpu) {

    /** The vector extensions worth knowing about for ND4J's and oneDNN's kernels. */
    static final List<String> FEATURES = List.of("avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512_vnni", "avx512_bf16", "amx_tile");

    static EngineFacts collect() {
        Map<Object, Object> info = Nd4j.getExecutioner().getEnvironmentInformation();
        String cpuinfo = read("/proc/cpuinfo");
        BackendPlan plan = Engine.backendPlan();
        Gpu gpu = Gpu.find();
        String omp = System.getenv("OMP_NUM_THREADS");
        return new EngineFacts(String.valueOf(info.getOrDefault("backend", "?")),
                String.valueOf(info.getOrDefault("blas.vendor", "?")),
                Nd4j.getEnvironment().helpersAllowed(), omp == null ? "unset" : omp,
                Nd4j.getEnvironment().maxThreads(), Runtime.getRuntime().availableProcessors(),
                field(cpuinfo, "model name"), cpuFeatures(cpuinfo),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory(), Pointer.maxBytes(), Pointer.maxPhysicalBytes(),
                plan.backend() + " (" + BackendPlan.VARIABLE + "="
                        + BackendPlan.mode(System.getProperty(BackendPlan.PROPERTY),
                                System.getenv(BackendPlan.VARIABLE)).name().toLowerCase(Locale.ROOT)
                        + (plan.notice() == null ? ")" : "; " + plan.notice() + ")"),
                gpu == null ? "none" : gpu + (gpu.support().supported() ? ""
                        : " - " + gpu.support().message()));
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? "unset" : v;
    }

    /** One line, as {@code backend()} shows it. */
    public String summary() {
        return String.format(Locale.ROOT, "ND4J %s backend, BLAS %s, oneDNN %s, %d threads, %d"
                        + " cores (%s), GPU %s", backend, blas, onednn ? "on" : "off",
                nd4jThreads, cores, cpuFeatures.isEmpty() ? "no AVX" : String.join(" ",
                        cpuFeatures), gpu);
    }

    /** One {@code name: value} line per fact, as {@code mcs doctor} prints them. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add("backend:    ND4J " + backend + ", chosen " + backendChoice);
        l.add("blas:       " + blas);
        l.add("onednn:     " + (onednn ? "on" : "off"));
        l.add("threads:    ND4J " + nd4jThreads + ", OMP_NUM_THREADS " + ompThreads + ", "
                + cores + " cores");
        l.add("waiting:    OMP_WAIT_POLICY " + env("OMP_WAIT_POLICY") + ", OPENBLAS_THREAD_TIMEOUT "
                + env("OPENBLAS_THREAD_TIMEOUT"));
        l.add("cpu:        " + cpu);
        l.add("cpu flags:  " + (cpuFeatures.isEmpty() ? "none of " + String.join(" ", FEATURES)
                : String.join(" ", cpuFeatures)));
        l.add("java:       " + java);
        l.add("heap:       " + mib(maxHeap) + " max (-Xmx; MCS_HEAP for ./mcs): models' tensors");
        l.add("off-heap:   " + mib(maxOffHeap) + " max for ND4J (javacpp maxbytes; MCS_OFFHEAP "
                + "for ./mcs): training and inference arrays, " + mib(maxPhysical)
                + " max process (maxphysicalbytes)");
        l.add("gpu:        " + gpu);
        return l;
    }

    /** Which of {@link #FEATURES} the first {@code flags} line of a cpuinfo text lists. */
    static List<String> cpuFeatures(String cpuinfo) {
        List<String> flags = List.of(field(cpuinfo, "flags").split("\\s+"));
        List<String> out = new ArrayList<>();
        for (String f : FEATURES) {
            if (flags.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String mib(long bytes) {
        return bytes <= 0 ? "unlimited" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
