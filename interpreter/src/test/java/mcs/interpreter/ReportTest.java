package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.SourceText;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import org.junit.jupiter.api.Test;

/** {@code report}'s columns for models that differ only in name. */
class ReportTest {

    /**
     * The same LeNet-5 under three names: every column but the name is the same, and the
     * latencies, measured together, agree within 1.5x (see LatencyTest for the margin).
     */
    @Test
    void identicalModelsReportTheSameFigures() {
        CapturingOutput out = new CapturingOutput();
        Session session = new Session(out);
        Result r = session.executeScript(new SourceText("t.mcs", """
                d = subset(dataset("tiny", path="src/test/resources/golden/data/tiny"), test=5)
                a = lenet5()
                b = lenet5()
                c = a
                t = report(a, b, c, data=d.test)
                """), null);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        TableValue t = (TableValue) session.variables().get("t");
        assertThat(t.rows()).hasSize(3);
        int latency = t.columns().size() - 1;
        assertThat(t.columns().get(latency).header()).isEqualTo("ms/sample");
        double min = Double.MAX_VALUE, max = 0;
        for (int row = 0; row < 3; row++) {
            assertThat(t.rows().get(row).subList(1, latency)).as("row %d", row)
                    .isEqualTo(t.rows().get(0).subList(1, latency));
            double ms = ((Num) t.row(row).get(latency)).value();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }
        assertThat(min).isPositive();
        assertThat(max / min).as("%s", t.rows()).isLessThan(1.5);
    }
}
