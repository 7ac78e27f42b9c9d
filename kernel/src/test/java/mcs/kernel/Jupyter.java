package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real Jupyter clients (Debian's python3-jupyter-client, python3-jupyter-kernel-test,
 * jupyter-nbconvert) against this build's kernel: a kernelspec in a temporary JUPYTER_PATH
 * starts {@code java -cp <test class path> mcs.kernel.KernelMain -f {connection_file}}, and
 * every Jupyter directory points into the temporary directory, so nothing of the user's is
 * read or written.
 */
final class Jupyter {

    /** The name of the test kernelspec. */
    static final String KERNEL = "mcs-test";
    /** The Python with the Jupyter packages (the first python3 on PATH may lack them). */
    static final String PYTHON = System.getProperty("mcs.python", "/usr/bin/python3");
    static final Path PYTHON_TESTS = Path.of("src/test/python").toAbsolutePath();

    /** What a run printed and how it ended. */
    record Run(int exitCode, String output) { }

    private final Path home;

    Jupyter(Path home) throws IOException {
        this.home = home;
        new KernelSpec(kernelArgv(), "mcs (test)").write(home.resolve("kernels").resolve(KERNEL));
    }

    /** The kernel's command line: this JVM, the test class path, memory as in the brief. */
    static List<String> kernelArgv() {
        String classpath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=2g", sparkLib(), "-cp", classpath,
                KernelMain.class.getName(), "-f", "{connection_file}");
    }

    /** Where the kernel finds Spark for sweeps, as the launcher tells it (Maven sets it). */
    static String sparkLib() {
        return "-Dmcs.spark.lib=" + System.getProperty("mcs.spark.lib", "../sweep/target/lib");
    }

    /** Whether the Python and the Jupyter packages the tests use are installed. */
    static void requireInstalled() {
        assertThat(Path.of(PYTHON)).as("the Jupyter tests need %s with the Debian packages "
                + "python3-jupyter-client python3-jupyter-kernel-test jupyter-nbconvert", PYTHON)
                .exists();
    }

    /** Runs {@code python3 args...} in {@code dir}; fails the test after {@code minutes}. */
    Run python(Path dir, long minutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JUPYTER_PATH", home.toString());
        env.put("JUPYTER_DATA_DIR", home.resolve("data").toString());
        env.put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
        env.put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
        env.put("MCS_KERNEL_NAME", KERNEL);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.putIfAbsent("OMP_NUM_THREADS", "2");
        env.putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Path log = home.resolve("run-" + System.nanoTime() + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Run(-1, Files.readString(log, StandardCharsets.UTF_8)
                    + "\n(timed out after " + minutes + " min)");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Runs a unittest module of src/test/python verbosely. */
    Run unittest(String module, long minutes) throws IOException, InterruptedException {
        return python(PYTHON_TESTS, minutes, "-m", "unittest", "-v", module);
    }

    /** Lines of a run's output that report timings ("TIMING ..."), for the build log. */
    static void showTimings(Run run) {
        run.output().lines().filter(l -> l.contains("TIMING"))
                .forEach(l -> System.err.println("[mcs kernel] " + l.trim()));
    }
}
