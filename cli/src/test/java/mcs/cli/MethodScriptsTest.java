package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The distillation, low-rank and mixed-precision example scripts, run in-process on the real
 * Fashion-MNIST. Each printed line must equal its {@code # expect: line} comment or match its
 * {@code # expect~: regex} comment (for accuracies, which depend on the machine's arithmetic).
 */
@Tag("slow")
class MethodScriptsTest {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect(~?):(?: (.*))?$");

    private static String run(String script) throws IOException {
        Path file = Path.of("../scripts", script);
        long t0 = System.nanoTime();
        MainTest.Run r = MainTest.mcs(file.toString());
        System.out.printf("%s: %.1f s%n%s", script, (System.nanoTime() - t0) / 1e9, r.out());
        assertThat(r.code()).as(r.err()).isZero();
        matchesExpectations(file, r.out());
        return r.out();
    }

    /** Checks printed lines against the script's {@code # expect:} comments, in order. */
    static void matchesExpectations(Path file, String out) throws IOException {
        List<String> printed = out.lines().toList();
        List<String[]> expected = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = EXPECT.matcher(line);
            if (m.find()) {
                expected.add(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)});
            }
        }
        assertThat(printed).as(out).hasSameSizeAs(expected);
        for (int i = 0; i < printed.size(); i++) {
            String[] e = expected.get(i);
            if (e[0].isEmpty()) {
                assertThat(printed.get(i)).isEqualTo(e[1]);
            } else {
                assertThat(printed.get(i)).matches(e[1]);
            }
        }
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void distillationTrainsTheStudent() throws IOException {
        String out = run("distillation.mcs");
        double distilled = number(out, "distilled accuracy: +([0-9.]+)");
        double plain = number(out, "plain accuracy: +([0-9.]+)");
        assertThat(distilled).isGreaterThan(plain - 0.03);
    }

    @Test
    void lowRankShrinksAndFineTuningRecovers() throws IOException {
        String out = run("lowrank.mcs");
        double base = number(out, "dense accuracy: +([0-9.]+)");
        double tuned = number(out, "fine-tuned accuracy: +([0-9.]+)");
        double params = number(out, "params: 431080 -> ([0-9]+)");
        assertThat(params).isLessThan(431080 / 2.0);
        assertThat(tuned).isGreaterThan(base - 0.03);
    }

    @Test
    void halfPrecisionKeepsTheAccuracy() throws IOException {
        String out = run("mixed_precision.mcs");
        double fp32 = number(out, "fp32 accuracy: +([0-9.]+)");
        assertThat(number(out, "fp16 accuracy: +([0-9.]+)")).isCloseTo(fp32,
                org.assertj.core.data.Offset.offset(0.005));
        assertThat(number(out, "bf16 accuracy: +([0-9.]+)")).isCloseTo(fp32,
                org.assertj.core.data.Offset.offset(0.02));
    }
}
