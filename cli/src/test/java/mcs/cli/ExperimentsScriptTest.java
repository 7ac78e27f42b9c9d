package mcs.cli;

import static mcs.cli.DeepCompressionTest.number;
import static mcs.cli.DeepCompressionTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/experiments.mcs} as a user runs it: it trains, compresses at four sparsities
 * through a user function, shows the records as a table and saves the smallest model within
 * one point of the dense accuracy. The choice is checked against the printed table.
 */
@Tag("slow")
class ExperimentsScriptTest {

    private static final Pattern ROW = Pattern.compile(
            "(?m)^(\\d+)%\\s+lenet300\\s+([0-9.]+)\\s+(\\d+)$");

    @Test
    void picksTheSmallestModelWithinOnePointAndSavesIt(@TempDir Path dir) throws Exception {
        String out = run("experiments.mcs", dir);
        System.out.print(out);
        MethodScriptsTest.matchesExpectations(Path.of("../scripts/experiments.mcs"), out);
        double dense = number(out, "dense: ([0-9.]+)%") / 100;
        Matcher denseSize = Pattern.compile("dense: [0-9.]+%, ([0-9,]+) bytes").matcher(out);
        assertThat(denseSize.find()).as(out).isTrue();
        long denseBytes = Long.parseLong(denseSize.group(1).replace(",", ""));
        String bestName = null;
        long bestBytes = denseBytes;
        Matcher rows = ROW.matcher(out);
        int count = 0;
        while (rows.find()) {
            count++;
            double accuracy = Double.parseDouble(rows.group(2));
            long bytes = Long.parseLong(rows.group(3));
            if (accuracy >= dense - 0.01 && bytes < bestBytes) {
                bestName = rows.group(1) + "%";
                bestBytes = bytes;
            }
        }
        assertThat(count).as(out).isEqualTo(4);
        assertThat(bestName).as("some sparsity keeps the accuracy: %s", out).isNotNull();
        assertThat(out).contains("best: " + bestName + " at ");
        assertThat(out).contains(String.format("%,d bytes", bestBytes));
        assertThat(Files.size(dir.resolve("experiments.mcz"))).isEqualTo(bestBytes);
        assertThat(dense).as("dense LeNet-300-100 after 2 epochs").isGreaterThan(0.85);
    }
}
