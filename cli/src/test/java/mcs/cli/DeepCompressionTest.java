package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/deep_compression.mcs} end to end, as a user runs it: in its own JVM and working
 * directory, where it leaves {@code lenet300.mcz} and {@code lenet5.mcz}. Both files are at least
 * 50x smaller than the dense fp32 models and, loaded back, stay accurate; each compressed model
 * stays within 0.5 points of its dense model.
 */
@Tag("slow")
class DeepCompressionTest {

    @Test
    void compressesBothLeNetsFiftyTimesAndKeepsTheirAccuracy(@TempDir Path dir) throws Exception {
        String out = run("deep_compression.mcs", dir);
        double dense300 = number(out, "lenet300 dense: +([0-9.]+)");
        double int8300 = number(out, "lenet300 int8: +([0-9.]+)");
        double loaded300 = number(out, "lenet300 loaded: +([0-9.]+)");
        double dense5 = number(out, "lenet5 dense: +([0-9.]+)");
        double int85 = number(out, "lenet5 int8: +([0-9.]+)");
        double loaded5 = number(out, "lenet5 loaded: +([0-9.]+)");
        long bytes300 = Files.size(dir.resolve("lenet300.mcz"));
        long bytes5 = Files.size(dir.resolve("lenet5.mcz"));
        System.out.printf("deep compression: lenet300 %.4f -> %.4f in %,d bytes (%.1fx); "
                        + "lenet5 %.4f -> %.4f in %,d bytes (%.1fx)%n", dense300, loaded300,
                bytes300, 266_610 * 4.0 / bytes300, dense5, loaded5, bytes5,
                431_080 * 4.0 / bytes5);
        assertThat(loaded300).isEqualTo(int8300);
        assertThat(loaded5).isEqualTo(int85);
        assertThat(bytes300).as("lenet300.mcz").isLessThanOrEqualTo(21_329);
        assertThat(bytes5).as("lenet5.mcz").isLessThanOrEqualTo(34_486);
        assertThat(loaded300).as("LeNet-300-100 after compression").isGreaterThanOrEqualTo(0.88);
        assertThat(loaded5).as("LeNet-5 after compression").isGreaterThanOrEqualTo(0.905);
        assertThat(loaded300).isGreaterThanOrEqualTo(dense300 - 0.005);
        assertThat(loaded5).isGreaterThanOrEqualTo(dense5 - 0.005);
        assertThat(out).contains("bytes: " + bytes300).contains("bytes: " + bytes5);
    }

    /**
     * Runs {@code scripts/<script>} with mcs's main class in a fresh JVM whose working
     * directory is {@code dir}; fails unless it exits with 0.
     */
    static String run(String script, Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx4g",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "-Dmcs.spark.lib=" + System.getProperty("mcs.spark.lib", "../sweep/target/lib"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                Path.of("../scripts", script).toAbsolutePath().toString()))
                .directory(dir.toFile())
                .redirectOutput(log.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        assertThat(p.waitFor(40, TimeUnit.MINUTES)).as("finished").isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + Files.readString(dir.resolve("stderr.txt")))
                .isZero();
        return out;
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
