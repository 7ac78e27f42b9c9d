package mcs.interpreter.lib;

import static mcs.interpreter.lib.BuiltinCall.arg;
import static mcs.interpreter.lib.BuiltinCall.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.interpreter.Output;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.Test;

/** {@code table(rows)} and {@code plot} of a list of records: a column per field. */
class RecordTablesTest {

    private final BuiltinCall calls = new BuiltinCall(StandardLibrary.builtins());

    /** A record of alternating names and values: {@code record("acc", Num.of(0.9))}. */
    static RecordValue record(Object... namesAndValues) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], (Value) namesAndValues[i + 1]);
        }
        return new RecordValue(fields);
    }

    private static final ListValue RUNS = ListValue.of(
            record("name", new Str("small"), "acc", Num.of(0.91234), "ok", Bool.TRUE),
            record("name", new Str("tiny"), "size", Num.of(1200), "acc", Num.of(0.5)));

    @Test
    void columnsAreTheFieldsInTheOrderFirstSeen() {
        TableValue t = Tables.ofRecords(RUNS, message -> new UserError(message, null));
        assertThat(t.columns()).containsExactly(new Column("name", false),
                new Column("acc", true), new Column("ok", false), new Column("size", true));
        assertThat(t.row(0).elements()).containsExactly(new Str("small"), Num.of(0.91234),
                Bool.TRUE, Nil.NIL);
        assertThat(t.row(1).elements()).containsExactly(new Str("tiny"), Num.of(0.5), Nil.NIL,
                Num.of(1200));
    }

    @Test
    void numbersAreRightAlignedAndMissingFieldsLeaveEmptyCells() {
        Value t = calls.call("table", arg(RUNS));
        assertThat(t.show()).isEqualTo("""
                name      acc  ok    size
                small  0.9123  true
                tiny      0.5        1200""");
    }

    @Test
    void aTableStaysAsItIs() {
        TableValue t = Tables.ofRecords(RUNS, message -> new UserError(message, null));
        assertThat(calls.call("table", arg(t))).isSameAs(t);
        assertThat(calls.call("table", arg(ListValue.of()))).isEqualTo(
                new TableValue(List.of(), List.of()));
    }

    @Test
    void otherValuesAreRejectedNamingTheElement() {
        ListValue mixed = ListValue.of(RUNS.get(0), Num.of(3));
        assertThatThrownBy(() -> calls.call("table", arg(mixed)))
                .isInstanceOfSatisfying(UserError.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("table: element 1 is number 3, not a "
                            + "record; each element is a record such as "
                            + "{name: \"small\", acc: 0.91}");
                    assertThat(e.span()).isEqualTo(BuiltinCall.FIRST);
                });
        assertThatThrownBy(() -> calls.call("table", arg(Num.of(3))))
                .hasMessage("table: rows must be a table or a list of records, got number 3");
    }

    @Test
    void plotsFieldsOfRecordsAsAPng() {
        List<byte[]> images = new ArrayList<>();
        Output notebook = new Output() {
            @Override
            public void print(String text) {
            }

            @Override
            public void notice(String text) {
            }

            @Override
            public ProgressListener progress() {
                return ProgressListener.NONE;
            }

            @Override
            public void image(byte[] png, String description) {
                images.add(png);
            }
        };
        BuiltinCall shown = new BuiltinCall(StandardLibrary.builtins(notebook));
        ListValue points = ListValue.of(
                record("name", new Str("a"), "nonzeros", Num.of(1000), "acc", Num.of(0.9)),
                record("name", new Str("b"), "nonzeros", Num.of(300), "acc", Num.of(0.8)));
        shown.call("plot", arg(points), named("x", new Str("nonzeros")),
                named("y", new Str("acc")));
        assertThat(images).singleElement().satisfies(png -> assertThat(png)
                .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'));
        assertThatThrownBy(() -> shown.call("plot", arg(RUNS), named("x", new Str("name")),
                named("y", new Str("size"))))
                .hasMessage("plot: column size is empty in row 0; y needs a column of numbers");
        assertThatThrownBy(() -> shown.call("plot", arg(RUNS), named("x", new Str("name")),
                named("y", new Str("ok"))))
                .hasMessage("plot: column ok holds a boolean in row 0; y needs a column of "
                        + "numbers");
        assertThatThrownBy(() -> shown.call("plot", arg(ListValue.of()),
                named("x", new Str("a")), named("y", new Str("b"))))
                .hasMessage("plot: the list of records is empty; nothing to plot");
        assertThatThrownBy(() -> shown.call("plot", arg(ListValue.of(Num.of(1))),
                named("x", new Str("a")), named("y", new Str("b"))))
                .hasMessageStartingWith("plot: element 0 is number 1, not a record");
    }
}
