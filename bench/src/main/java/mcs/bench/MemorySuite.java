package mcs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A 25.5 M-weight model (ResNet-50 shapes) through prune, cluster and quantize as tensor
 * operations, in a child JVM limited to {@code -Xmx4g} and 2 GB off-heap: reports the time and
 * the peak heap that child saw (see {@link MemoryCheck}).
 */
final class MemorySuite implements Suite {

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean comparable() {
        return false;
    }

    @Override
    public void run(Consumer<Measure> report) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(StartupSuite.javaCommand(MemoryCheck.class.getName()));
        cmd.set(cmd.indexOf("-Xmx6g"), "-Xmx4g");
        cmd.set(cmd.indexOf("-Dorg.bytedeco.javacpp.maxbytes=6g"),
                "-Dorg.bytedeco.javacpp.maxbytes=2g");
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the 25.5 M-weight pipeline failed within -Xmx4g:\n" + printed);
        }
        printed.lines().filter(l -> !l.isBlank()).map(Measure::parse).forEach(report);
    }
}
