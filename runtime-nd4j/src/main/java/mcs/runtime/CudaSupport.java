package mcs.runtime;

import java.util.Locale;

/**
 * Which GPUs ND4J 1.0.0-M2.1's CUDA 11.6 build can run: it ships compiled kernels up to sm_86
 * and no PTX, so nothing can be compiled for a newer architecture at load time. A cubin runs
 * on GPUs of the same major version and an equal or higher minor one, so compute capability
 * 3.5 to 8.9 (Kepler to Ada: 8.7 and 8.9 run the sm_86 kernels) works; 9.0 (Hopper) and newer
 * are refused, as is anything below CUDA 11's minimum 3.5. Pure: it only reads its arguments.
 */
public final class CudaSupport {

    /** The newest architecture the build has kernels for. */
    public static final String NEWEST_KERNELS = "sm_86";
    private static final int NEWEST_MAJOR = 8;
    private static final int OLDEST = 35;

    private CudaSupport() {
    }

    /** Whether a GPU can be used, and one line saying why not when it cannot. */
    public record Verdict(boolean supported, String message) { }

    /**
     * Checks a GPU from its compute capability as nvidia-smi prints it ({@code "8.6"}) and its
     * name ({@code "NVIDIA H100"}, may be empty).
     */
    public static Verdict check(String computeCapability, String gpuName) {
        String name = gpuName == null || gpuName.isBlank() ? "GPU" : "GPU " + gpuName.trim();
        int[] cc = parse(computeCapability);
        if (cc == null) {
            return new Verdict(false, name + " reports compute capability '" + computeCapability
                    + "', which is not of the form major.minor; mcs cannot tell whether ND4J's"
                    + " CUDA 11.6 build runs on it");
        }
        String what = String.format(Locale.ROOT, "%s (compute capability %d.%d)", name, cc[0],
                cc[1]);
        if (cc[0] > NEWEST_MAJOR) {
            return new Verdict(false, what + " is not supported by ND4J 1.0.0-M2.1's CUDA 11.6"
                    + " build (kernels up to " + NEWEST_KERNELS + ", no PTX); use the CPU"
                    + " (MCS_BACKEND=cpu) or a GPU of compute capability 3.5 to 8.9");
        }
        if (cc[0] * 10 + cc[1] < OLDEST) {
            return new Verdict(false, what + " is older than CUDA 11.6 supports (3.5 and newer);"
                    + " use the CPU (MCS_BACKEND=cpu)");
        }
        return new Verdict(true, what + " is supported by ND4J 1.0.0-M2.1's CUDA 11.6 build");
    }

    private static int[] parse(String cc) {
        if (cc == null) {
            return null;
        }
        String[] p = cc.trim().split("\\.");
        try {
            if (p.length == 2) {
                int major = Integer.parseInt(p[0]), minor = Integer.parseInt(p[1]);
                return major >= 0 && minor >= 0 && minor < 10 ? new int[] {major, minor} : null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }
}
