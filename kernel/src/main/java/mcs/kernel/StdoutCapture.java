package mcs.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} in the kernel process: whatever a library prints there while a cell runs
 * goes to the cell's stdout stream, line by line; the process's real stdout stays silent.
 */
final class StdoutCapture extends OutputStream {

    private final KernelOutput output;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private StdoutCapture(KernelOutput output) {
        this.output = output;
    }

    static void install(KernelOutput output) {
        System.setOut(new PrintStream(new StdoutCapture(output), true, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        line.write(b, off, len);
        if (len > 0 && b[off + len - 1] == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void flush() {
        if (line.size() > 0) {
            output.stream("stdout", line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
