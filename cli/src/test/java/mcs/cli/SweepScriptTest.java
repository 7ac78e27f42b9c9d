package mcs.cli;

import static mcs.cli.DeepCompressionTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/sweep.mcs} as a user runs it, twice: the first run sweeps seven points on
 * embedded Spark, prints the table and its Pareto front and saves the model best picks, which
 * is checked against the printed table; the second run finds every point in sweep.jsonl and
 * prints the same table.
 */
@Tag("slow")
class SweepScriptTest {

    /** A row of the printed table: point, sparsity, val accuracy, accuracy, bytes, status. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\s+(\\d+)  (?:base|prune\\(\\S+ "
            + ".*?)\\s+(?:(\\d+\\.\\d+)%\\s+\\d+\\s+)?(?:int8|fp32)\\s+(\\d+\\.\\d+)%\\s+"
            + "(\\d+\\.\\d+)%\\s+([0-9,]+)\\s.*\\s(ok|failed.*?)\\s+point \\d+$");

    record Row(int point, double val, double test, long bytes, String status) { }

    @Test
    void savesTheSmallestModelWithinOnePointAndResumes(@TempDir Path dir) throws Exception {
        String out = run("sweep.mcs", dir);
        System.out.print(out);
        String table = out.substring(0, out.indexOf("point  recipe", out.indexOf("point  recipe")
                + 1));
        List<Row> rows = rows(table);
        assertThat(rows).as(out).hasSize(7).allMatch(r -> r.status().equals("ok"));
        assertThat(rows.get(0).point()).isZero();
        assertThat(rows.get(0).test()).as("dense LeNet-300-100 after 5 epochs").isGreaterThan(85);
        Row best = null;
        for (Row r : rows.subList(1, rows.size())) {
            if (r.val() >= rows.get(0).val() - 1 - 1e-9
                    && (best == null || r.bytes() < best.bytes())) {
                best = r;
            }
        }
        assertThat(best).as("some point within one point of the base: %s", out).isNotNull();
        String notices = Files.readString(dir.resolve("stderr.txt"));
        assertThat(notices).contains("sweep: 7 points on Spark ", "sweep: 7/7  ",
                "best: point " + best.point() + " (");
        assertThat(Files.size(dir.resolve("lenet300-sweep.mcz"))).isEqualTo(best.bytes());
        assertThat(Files.readAllLines(dir.resolve("sweep.jsonl"))).hasSize(7);
        assertThat(rows.get(rows.size() - 1).bytes()).as("95% sparse, 16 or 32 clusters, int8")
                .isLessThan(rows.get(0).bytes() / 40);

        String again = run("sweep.mcs", dir);
        assertThat(Files.readString(dir.resolve("stderr.txt")))
                .contains("sweep: all 7 points are in sweep.jsonl already");
        assertThat(rows(again.substring(0, again.indexOf("point  recipe",
                again.indexOf("point  recipe") + 1)))).isEqualTo(rows);
    }

    private static List<Row> rows(String table) {
        List<Row> rows = new ArrayList<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            rows.add(new Row(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(3)),
                    Double.parseDouble(m.group(4)), Long.parseLong(m.group(5).replace(",", "")),
                    m.group(6)));
        }
        return rows;
    }
}
