package mcs.interpreter.lib;

import static mcs.interpreter.lib.BuiltinCall.arg;
import static mcs.interpreter.lib.BuiltinCall.named;
import static mcs.interpreter.lib.RecordTablesTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code report} of a list of records, each with a model: a row per record, measured as
 * {@code report(a, b)} measures the models, then the records' other plain fields.
 */
class RecordReportTest {

    private static Map<String, Value> vars;
    private static Session session;
    private final BuiltinCall calls = new BuiltinCall(StandardLibrary.builtins());

    /** Two untrained LeNet-300-100s, one pruned one-shot, and five test samples. */
    @BeforeAll
    static void models() {
        session = new Session(Output.of(line -> { }, line -> { }, s -> { }));
        Result r = session.executeScript(new SourceText("t.mcs", """
                d = subset(dataset("tiny", path="src/test/resources/golden/data/tiny"), test=5)
                a = lenet300()
                b = lenet300(seed=1) | prune(0.5)
                t = report(a, b, data=d.test)
                """), null);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        vars = session.variables();
    }

    private Value rows(Value... records) {
        return ListValue.of(records);
    }

    @Test
    void reportsEachRecordsModelThenItsOtherFields() {
        Value rows = rows(
                record("name", new Str("dense"), "model", vars.get("a"),
                        "sparsity_target", Num.of(0)),
                record("model", vars.get("b"), "sparsity_target", Num.of(0.5),
                        "note", new Str("one-shot"), "base", vars.get("a"), "ok", Bool.TRUE));
        TableValue t = (TableValue) calls.call("report", arg(rows, "rows"),
                named("data", vars.get("d")));
        TableValue byModels = (TableValue) vars.get("t");
        int latency = byModels.columns().size() - 1;
        assertThat(t.columns().subList(0, latency + 1)).isEqualTo(byModels.columns());
        assertThat(t.columns().subList(latency + 1, t.columns().size())).containsExactly(
                new Column("sparsity_target", true), new Column("note", false),
                new Column("ok", false));
        String bName = ((ModelValue) vars.get("b")).model().name();
        assertThat(t.rows()).extracting(row -> row.get(0).text()).containsExactly("dense", bName);
        for (int row = 0; row < 2; row++) {
            assertThat(t.rows().get(row).subList(1, latency)).as("row %d", row)
                    .isEqualTo(byModels.rows().get(row).subList(1, latency));
            assertThat(((Num) t.row(row).get(latency)).value()).isPositive();
        }
        assertThat(t.rows().get(0).subList(latency + 1, t.columns().size()))
                .extracting(Cell::text).containsExactly("0", "", "");
        assertThat(t.rows().get(1).subList(latency + 1, t.columns().size()))
                .extracting(Cell::text).containsExactly("0.5", "one-shot", "true");
    }

    @Test
    void aRecordWithoutAModelIsNamed() {
        Value rows = rows(record("model", vars.get("a")), record("name", new Str("b")));
        assertThatThrownBy(() -> calls.call("report", arg(rows), named("data", vars.get("d"))))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("report: element 1 has no model "
                            + "field; each record names its model, e.g. "
                            + "{name: \"small\", model: small}");
                    assertThat(e.span()).isEqualTo(BuiltinCall.FIRST);
                });
        Value numbered = rows(record("model", Num.of(3)));
        assertThatThrownBy(() -> calls.call("report", arg(numbered)))
                .hasMessage("report: element 0 has model number 3, not a model");
        Value models = rows(vars.get("a"));
        assertThatThrownBy(() -> calls.call("report", arg(models)))
                .hasMessageStartingWith("report: element 0 is model lenet300, not a record");
    }

    @Test
    void modelsAndAListOfRecordsDoNotMix() {
        Value rows = rows(record("model", vars.get("a")));
        assertThatThrownBy(() -> calls.call("report", arg(vars.get("a")), arg(rows)))
                .hasMessageStartingWith("report: models must be a model, got list [{model: ")
                .hasMessageEndingWith("; a list of records comes on its own: report(rows)");
        Result r = session.executeScript(new SourceText("u.mcs", "report(3)"), null);
        assertThat(r.errorText()).contains("report: models must be a model or a list of "
                + "records, got number 3");
        r = session.executeScript(new SourceText("u.mcs", "report(a, 3, data=d)"), null);
        assertThat(r.errorText()).contains("report: models must be a model, got number 3");
    }

    @Test
    void untrainedRecordsNeedData() {
        Value rows = rows(record("name", new Str("dense"), "model", vars.get("a")));
        assertThatThrownBy(() -> calls.call("report", arg(rows, "runs")))
                .hasMessage("report: dense was not trained here, so there is no test split to "
                        + "evaluate on; pass data=, e.g. report(runs, data=fmnist.test)");
    }

    @Test
    void aTableOfRecordsShowsModelsByName() {
        TableValue t = (TableValue) calls.call("table", arg(rows(
                record("model", vars.get("a"), "acc", Num.of(0.1)))));
        assertThat(t.rows()).singleElement().isEqualTo(List.of(
                new Cell("lenet300", vars.get("a")), new Cell("0.1", Num.of(0.1))));
    }
}
