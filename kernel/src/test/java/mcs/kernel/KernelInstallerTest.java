package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInstallerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int install(String... args) {
        return KernelInstaller.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesAKernelspecUnderAPrefix() throws Exception {
        System.setProperty(KernelInstaller.LAUNCHER_PROPERTY, "/opt/mcs/bin/../bin/mcs");
        try {
            assertThat(install("kernel", "install", "--prefix", tmp.toString())).isZero();
        } finally {
            System.clearProperty(KernelInstaller.LAUNCHER_PROPERTY);
        }
        Path dir = tmp.resolve("share/jupyter/kernels/mcs");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Installed kernelspec mcs in "
                + dir);
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json")))
                .getAsJsonObject();
        assertThat(spec.get("argv").toString())
                .isEqualTo("[\"/opt/mcs/bin/mcs\",\"kernel\",\"-f\",\"{connection_file}\"]");
        assertThat(spec.get("display_name").getAsString()).isEqualTo("mcs");
        assertThat(spec.get("language").getAsString()).isEqualTo("mcs");
        assertThat(spec.get("interrupt_mode").getAsString()).isEqualTo("message");
        for (String logo : List.of("logo-32x32.png", "logo-64x64.png")) {
            byte[] png = Files.readAllBytes(dir.resolve(logo));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        assertThat(Files.readString(dir.resolve("logo-svg.svg"))).startsWith("<svg");
        assertThat(Files.list(dir.getParent())).hasSize(1);
    }

    @Test
    void withoutALauncherRunsThisClassPathWithJava() throws Exception {
        assertThat(install("install", "--prefix=" + tmp, "--name", "mcs-dev")).isZero();
        JsonObject spec = JsonParser.parseString(Files.readString(
                tmp.resolve("share/jupyter/kernels/mcs-dev/kernel.json"))).getAsJsonObject();
        List<String> argv = spec.getAsJsonArray("argv").asList().stream()
                .map(e -> e.getAsString()).toList();
        assertThat(argv.get(0)).endsWith("/bin/java");
        assertThat(argv.subList(1, argv.size())).startsWith("-cp")
                .endsWith("mcs.kernel.KernelMain", "-f", "{connection_file}");
        assertThat(argv.get(2)).contains("classes");
        assertThat(spec.get("display_name").getAsString()).isEqualTo("mcs (mcs-dev)");
    }

    @Test
    void replacesAnEarlierInstall() throws Exception {
        assertThat(install("--prefix", tmp.toString())).isZero();
        Path stale = tmp.resolve("share/jupyter/kernels/mcs/stale.txt");
        Files.writeString(stale, "old");
        assertThat(install("--prefix", tmp.toString())).isZero();
        assertThat(stale).doesNotExist();
        assertThat(stale.getParent().resolve("kernel.json")).exists();
    }

    @Test
    void findsJupytersDirectories() throws Exception {
        var user = KernelInstaller.parse(new String[] {"--user"});
        assertThat(KernelInstaller.kernelsDir(user, Map.of(), "Linux", "/home/ada"))
                .isEqualTo(Path.of("/home/ada/.local/share/jupyter/kernels"));
        assertThat(KernelInstaller.kernelsDir(user, Map.of("XDG_DATA_HOME", "/x"), "Linux",
                "/home/ada")).isEqualTo(Path.of("/x/jupyter/kernels"));
        assertThat(KernelInstaller.kernelsDir(user, Map.of("JUPYTER_DATA_DIR", "/j"), "Linux",
                "/home/ada")).isEqualTo(Path.of("/j/kernels"));
        assertThat(KernelInstaller.kernelsDir(user, Map.of(), "Mac OS X", "/Users/ada"))
                .isEqualTo(Path.of("/Users/ada/Library/Jupyter/kernels"));
        var system = KernelInstaller.parse(new String[] {"kernel", "install"});
        assertThat(KernelInstaller.kernelsDir(system, Map.of(), "Linux", "/home/ada"))
                .isEqualTo(Path.of("/usr/local/share/jupyter/kernels"));
        assertThat(system.name()).isEqualTo("mcs");
    }

    @Test
    void refusesBadCommandLines() {
        assertThat(install("--user", "--prefix", "/p")).isEqualTo(KernelMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not both");
        assertThat(install("--frobnicate")).isEqualTo(KernelMain.USAGE);
        assertThat(install("--name")).isEqualTo(KernelMain.USAGE);
        assertThatThrownBy(() -> KernelInstaller.parse(new String[] {"--name", "a b"}))
                .hasMessageContaining("kernel name");
        assertThat(install("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mcs kernel install");
    }

    @Test
    void reportsAnUnwritableTarget() throws Exception {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        assertThat(install("--prefix", file.toString())).isEqualTo(KernelMain.IO_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write");
    }

    @Test
    void jupyterListsTheInstalledKernel() throws Exception {
        Jupyter.requireInstalled();
        assertThat(install("--prefix", tmp.toString())).isZero();
        ProcessBuilder pb = new ProcessBuilder(Jupyter.PYTHON, "-m", "jupyter", "kernelspec",
                "list").redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", tmp.resolve("share/jupyter").toString());
        Process p = pb.start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(listing).isZero();
        assertThat(listing).containsPattern("mcs\\s+" + tmp.resolve("share/jupyter/kernels/mcs"));
    }
}
