package mcs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, in-process: LeNet-5 trained on the real Fashion-MNIST, pruned to
 * 80% with a polynomial schedule while fine-tuning, clustered and quantised to int8, and the
 * comparison table, whose bytes are those of the compressed file.
 */
@Tag("slow")
class QuickstartTest {

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void quickstartTrainsPrunesAndReports() {
        MainTest.Run r = MainTest.mcs("../scripts/quickstart.mcs");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        double dense = number(out, "dense accuracy: +([0-9.]+)");
        double pruned = number(out, "pruned accuracy: +([0-9.]+)");
        double sparsity = number(out, "sparsity: +([0-9.]+)");
        assertThat(dense).as("dense LeNet-5 test accuracy").isGreaterThanOrEqualTo(0.895);
        assertThat(sparsity).isBetween(0.79, 0.81);
        assertThat(pruned).as("pruned accuracy").isGreaterThanOrEqualTo(dense - 0.01);
        assertThat(out).containsPattern("(?m)^\\s*base\\b.*431,080")
                .containsPattern("(?m)^\\s*small\\b.*431,080");
        double ratio = number(out, "(?m)^\\s*small\\b.* ([0-9.]+)x ");
        assertThat(ratio).as("dense fp32 bytes over the compressed file's").isGreaterThan(10);
        // progress went to stderr, one plain line per epoch (not a terminal here)
        assertThat(r.err()).contains("train epoch 5/5").contains("finetune epoch 2/2");
    }
}
