package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return KernelCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void explainsItself() {
        assertThat(run("kernel")).isEqualTo(KernelMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("mcs kernel install");
        assertThat(run("kernel", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("CONNECTION_FILE");
        assertThat(run("kernel", "-f")).isEqualTo(KernelMain.USAGE);
    }

    @Test
    void findsTheConnectionFileInItsArguments() {
        assertThat(KernelMain.connectionFile(new String[] {"-f", "c.json"}))
                .isEqualTo(Path.of("c.json"));
        assertThat(KernelMain.connectionFile(new String[] {"--f=c.json"}))
                .isEqualTo(Path.of("c.json"));
        assertThat(KernelMain.connectionFile(new String[] {"c.json"})).isEqualTo(Path.of("c.json"));
        assertThat(KernelMain.connectionFile(new String[] {"-x"})).isNull();
        assertThat(KernelMain.connectionFile(new String[] {"a", "b"})).isNull();
    }

    @Test
    void refusesMissingOrBadConnectionFiles(@TempDir Path tmp) throws Exception {
        assertThat(run("kernel", "-f", tmp.resolve("none.json").toString()))
                .isEqualTo(KernelMain.IO_ERROR);
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"transport\": \"ipc\", \"shell_port\": 1}");
        assertThat(run("kernel", bad.toString())).isEqualTo(KernelMain.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("transport ipc");
    }

    @Test
    void readsConnectionFiles() throws Exception {
        ConnectionInfo info = ConnectionInfo.parse("{\"shell_port\": 1, \"iopub_port\": 2, "
                + "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, \"ip\": \"::1\", "
                + "\"key\": \"k\", \"transport\": \"tcp\", \"signature_scheme\": "
                + "\"hmac-sha256\", \"kernel_name\": \"mcs\"}");
        assertThat(info.endpoint(info.controlPort())).isEqualTo("tcp://[::1]:4");
        assertThat(info.key()).isEqualTo("k");
        assertThatThrownBy(() -> ConnectionInfo.parse("{\"shell_port\": \"x\"}"))
                .hasMessageContaining("shell_port");
        assertThatThrownBy(() -> ConnectionInfo.parse("[1]")).hasMessageContaining("object");
        assertThatThrownBy(() -> ConnectionInfo.parse("{\"shell_port\": 1, \"iopub_port\": 2, "
                + "\"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, "
                + "\"signature_scheme\": \"rsa\"}")).hasMessageContaining("rsa");
    }
}
