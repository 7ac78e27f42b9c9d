package mcs.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A GPU as nvidia-smi describes it; {@link #find()} asks nvidia-smi (absent: no GPU). */
public record Gpu(String name, String computeCapability, String memory) {

    /** The first GPU nvidia-smi lists, or null when there is none (or no nvidia-smi). */
    public static Gpu find() {
        try {
            Process p = new ProcessBuilder("nvidia-smi",
                    "--query-gpu=name,compute_cap,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return parse(out.lines().findFirst().orElse(""));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Parses one line {@code name, compute_cap, memory} of nvidia-smi's CSV; null if not one. */
    static Gpu parse(String line) {
        List<String> f = List.of(line.split(","));
        if (f.size() < 3 || f.get(0).isBlank()) {
            return null;
        }
        return new Gpu(f.get(0).trim(), f.get(1).trim(), f.get(2).trim());
    }

    public CudaSupport.Verdict support() {
        return CudaSupport.check(computeCapability, name);
    }

    @Override
    public String toString() {
        return name + ", compute capability " + computeCapability + ", " + memory;
    }
}
