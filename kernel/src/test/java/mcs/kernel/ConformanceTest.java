package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jupyter's official kernel conformance suite (Debian's python3-jupyter-kernel-test) against
 * the kernel: completion, inspection, is_complete, history, execute_result, display_data,
 * stdout, stderr, error, and an interrupt of a running training.
 */
class ConformanceTest {

    @BeforeAll
    static void jupyterIsInstalled() {
        Jupyter.requireInstalled();
    }

    @Test
    void passesJupyterKernelTest(@TempDir Path home) throws Exception {
        Jupyter.Run run = new Jupyter(home).unittest("test_conformance", 10);
        run.output().lines().filter(l -> l.startsWith("Ran ") || l.endsWith(" ... ok")
                        || l.contains("skipped"))
                .forEach(l -> System.err.println("[mcs kernel] conformance: " + l.trim()));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("OK").doesNotContain("FAIL");
    }
}
