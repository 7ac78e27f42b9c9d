package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel driven by jupyter_client (src/test/python/test_protocol.py): forged, unsigned,
 * replayed and malformed messages are dropped and the kernel still answers; an interrupt
 * (message or SIGINT) during a long training gives an error reply within 1 s and the next cell
 * runs; input, progress displays, stop_on_error, shutdown and restart; and the timings of
 * start-up and of an execute round trip, printed as {@code TIMING} lines.
 */
class ProtocolTest {

    @BeforeAll
    static void jupyterIsInstalled() {
        Jupyter.requireInstalled();
    }

    @Test
    void behavesUnderARealClient(@TempDir Path home) throws Exception {
        Jupyter.Run run = new Jupyter(home).unittest("test_protocol", 10);
        Jupyter.showTimings(run);
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
