package mcs.runtime;

import java.util.Locale;
import java.util.Map;

/**
 * Where mcs runs its numbers, decided before ND4J loads: the mode asked for ({@code MCS_BACKEND}
 * or {@code -Dmcs.backend}: cpu, cuda or auto, default auto), whether this build has the CUDA
 * backend ({@code -Pcuda}) and which GPU nvidia-smi reports. {@code environment} is what ND4J
 * must see at start-up to load the chosen backend (it reads {@code BACKEND_PRIORITY_CPU} /
 * {@code _GPU} once, from the process environment); {@code notice} says why a GPU is not used
 * (null when there is nothing to say).
 */
public record BackendPlan(String backend, String notice, Map<String, String> environment) {

    /** The variable and property that choose the backend. */
    public static final String VARIABLE = "MCS_BACKEND";
    public static final String PROPERTY = "mcs.backend";
    private static final Map<String, String> PREFER_CPU =
            Map.of("BACKEND_PRIORITY_CPU", "200", "BACKEND_PRIORITY_GPU", "0");

    /** The modes a user can ask for. */
    public enum Mode { CPU, CUDA, AUTO }

    /** The mode from {@code -Dmcs.backend}, else {@code MCS_BACKEND}, else auto. */
    public static Mode mode(String property, String variable) {
        String v = property != null && !property.isBlank() ? property : variable;
        if (v == null || v.isBlank()) {
            return Mode.AUTO;
        }
        try {
            return Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(VARIABLE + " must be cpu, cuda or auto, got '" + v
                    + "'");
        }
    }

    /** Decides; pure. {@code gpu} is null when there is none. */
    public static BackendPlan decide(Mode mode, boolean cudaBuild, Gpu gpu) {
        if (!cudaBuild) {
            if (mode == Mode.CUDA) {
                throw new InvalidInputException(VARIABLE + "=cuda needs mcs built with the CUDA"
                        + " backend (mvn -Pcuda package); this build has the CPU backend only");
            }
            return new BackendPlan("cpu", null, Map.of());
        }
        if (mode == Mode.CPU) {
            return new BackendPlan("cpu", null, PREFER_CPU);
        }
        String problem = gpu == null ? "no GPU found (nvidia-smi lists none)"
                : gpu.support().supported() ? null : gpu.support().message();
        if (problem == null) {
            return new BackendPlan("cuda", null, Map.of());
        }
        if (mode == Mode.CUDA) {
            throw new InvalidInputException(problem);
        }
        return new BackendPlan("cpu", problem + "; running on the CPU", PREFER_CPU);
    }

    /** Whether {@code env} (the process environment) already has what ND4J must see. */
    public boolean satisfiedBy(Map<String, String> env) {
        return environment.entrySet().stream()
                .allMatch(e -> e.getValue().equals(env.get(e.getKey())));
    }
}
