package mcs.interpreter.lib;

import static mcs.interpreter.lib.BuiltinCall.arg;
import static mcs.interpreter.lib.BuiltinCall.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Model;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pareto}, {@code best} and {@code plot(.., kind=pareto)} of sweep results. */
class SweepTablesTest {

    @TempDir
    Path tmp;

    private final BuiltinCall calls = new BuiltinCall(StandardLibrary.builtins());

    private static final List<Column> COLUMNS = List.of(new Column("point", true),
            new Column("recipe", false), new Column("val accuracy", true),
            new Column("accuracy", true), new Column("bytes", true),
            new Column("latency", true), new Column("status", false),
            new Column("model", false));
    private static final Cell EMPTY = new Cell("", Nil.NIL);

    /** A row like a sweep's: accuracies as percents, sizes as counts. */
    private static List<Cell> row(int point, String recipe, double val, double test, long bytes,
                                  String status, Model model) {
        return List.of(Tables.count(point), Cell.text(recipe), Tables.percent(val),
                Tables.percent(test), Tables.count(bytes), Cell.of(Num.of(bytes / 1e5)),
                Cell.text(status), model == null ? EMPTY : new Cell("point " + point,
                        new ModelValue(model)));
    }

    private static List<Cell> failed(int point, String recipe) {
        return List.of(Tables.count(point), Cell.text(recipe), EMPTY, EMPTY, EMPTY, EMPTY,
                Cell.text("failed: the loss diverged"), EMPTY);
    }

    // pareto

    @Test
    void paretoIsTheBruteForceFrontOfRandomTables() {
        Random random = new Random(20240611);
        for (int t = 0; t < 200; t++) {
            TableValue table = randomTable(random, 1 + random.nextInt(30));
            boolean byName = t % 2 == 1;
            int x = byName ? 5 : 4;
            TableValue front = (TableValue) (byName
                    ? calls.call("pareto", arg(table), named("x", new Str("latency")),
                            named("y", new Str("accuracy")))
                    : calls.call("pareto", arg(table)));
            List<List<Cell>> expected = bruteForceFront(table, x, 3).stream()
                    .map(table.rows()::get).toList();
            assertThat(front.columns()).as("table %d", t).isEqualTo(table.columns());
            assertThat(front.rows()).as("table %d:\n%s", t, table.show())
                    .containsExactlyElementsOf(expected);
            for (int r = 1; r < front.rows().size(); r++) {
                assertThat(number(front, r, x)).isGreaterThan(number(front, r - 1, x));
                assertThat(number(front, r, 3)).isGreaterThan(number(front, r - 1, 3));
            }
        }
    }

    /** Sizes and accuracies from few values (so ties and duplicates), some rows failed. */
    private static TableValue randomTable(Random random, int rows) {
        List<List<Cell>> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                cells.add(failed(i, "r" + i));
                continue;
            }
            double accuracy = random.nextInt(12) / 12.0;
            long bytes = 100L * (1 + random.nextInt(15));
            List<Cell> row = new ArrayList<>(row(i, "r" + i, accuracy, accuracy, bytes,
                    kind == 1 ? "failed: out of memory" : "ok", null));
            if (kind == 2) {
                row.set(3, EMPTY); // an ok row without a test accuracy
            }
            cells.add(row);
        }
        return new TableValue(COLUMNS, cells);
    }

    /** Every ok row no other row dominates, the first of equal ones, by x ascending. */
    private static List<Integer> bruteForceFront(TableValue table, int x, int y) {
        List<Integer> ok = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<Cell> row = table.rows().get(r);
            if (row.get(6).text().equals("ok") && row.get(x).value() instanceof Num
                    && row.get(y).value() instanceof Num) {
                ok.add(r);
            }
        }
        List<Integer> front = new ArrayList<>();
        for (int r : ok) {
            double xr = number(table, r, x);
            double yr = number(table, r, y);
            boolean beaten = false;
            for (int s : ok) {
                double xs = number(table, s, x);
                double ys = number(table, s, y);
                boolean dominates = xs <= xr && ys >= yr && (xs < xr || ys > yr);
                boolean earlierTwin = s < r && xs == xr && ys == yr;
                beaten |= dominates || earlierTwin;
            }
            if (!beaten) {
                front.add(r);
            }
        }
        front.sort(Comparator.comparingDouble(r -> number(table, r, x)));
        return front;
    }

    private static double number(TableValue table, int row, int column) {
        return ((Num) table.rows().get(row).get(column).value()).value();
    }

    @Test
    void paretoOfRecordsKeepsTheirColumnsAndSkipsFailedRows() { // recipe is a keyword
        List<String> lines = new ArrayList<>();
        Result r = run(lines, new ArrayList<>(), """
                t = table([{point: 0, name: "base", accuracy: 0.9, bytes: 1000, status: "ok"},
                           {point: 1, name: "a", accuracy: 0.95, bytes: 10, status: "failed: x"},
                           {point: 2, name: "b", accuracy: 0.85, bytes: 400, status: "ok"},
                           {point: 3, name: "c", accuracy: 0.8, bytes: 450, status: "ok"},
                           {point: 4, name: "d", accuracy: 0.89, bytes: 300, status: "ok"}])
                print(pareto(t))
                print(pareto(t, x="accuracy", y="bytes"))
                """);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(String.join("\n", lines)).isEqualTo("""
                point  name  accuracy  bytes  status
                    4  d         0.89    300  ok
                    0  base       0.9   1000  ok
                point  name  accuracy  bytes  status
                    3  c          0.8    450  ok
                    0  base       0.9   1000  ok""");
    }

    @Test
    void paretoNamesAMissingColumn() {
        TableValue table = new TableValue(COLUMNS, List.of(failed(0, SweepTables.BASE)));
        assertThat(((TableValue) calls.call("pareto", arg(table))).rows()).isEmpty();
        assertThatThrownBy(() -> calls.call("pareto", arg(table), named("x", new Str("size"))))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("pareto: the table has no column size; its columns are "
                        + "point, recipe, val accuracy");
    }

    // best

    private final List<Model> models = new ArrayList<>();

    private Model model() {
        Value dense = calls.call("dense", arg(Num.of(2)));
        Model m = ((ModelValue) calls.call("sequential", arg(dense),
                named("input", ListValue.of(Num.of(3))))).model();
        models.add(m);
        return m;
    }

    /**
     * The base at 90% validation accuracy; point 2 within 0.5% of it, point 3 just outside,
     * point 4 smaller and as accurate but failed, point 5 failed with empty cells.
     */
    private TableValue results() {
        return new TableValue(COLUMNS, List.of(
                row(0, "base", 0.9, 0.905, 400_000, "ok", model()),
                row(1, "prune(0.5)", 0.898, 0.90, 200_000, "ok", model()),
                row(2, "prune(0.8) | quantize(int8)", 0.8951, 0.89, 50_000, "ok", model()),
                row(3, "prune(0.9) | quantize(int8)", 0.8949, 0.91, 30_000, "ok", model()),
                row(4, "prune(0.95) | quantize(int4)", 0.91, 0.91, 10_000,
                        "failed: out of memory", model()),
                failed(5, "cluster(4)")));
    }

    @Test
    void bestIsTheSmallestOkModelWithinTheDrop() {
        TableValue results = results();
        Value m = calls.call("best", arg(results));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(2));
        assertThat(calls.printed).containsExactly("best: point 2 (prune(0.8) | quantize(int8)): "
                + "50,000 bytes, val accuracy 89.51%, 0.49% below base");
        m = calls.call("best", arg(results), named("max_drop", Num.of(0.006)));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(3));
        m = calls.call("best", arg(results), named("max_drop", Num.of(0.003)));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(1));
    }

    @Test
    void bestComparesTheColumnsItIsGiven() {
        TableValue results = results();
        Value m = calls.call("best", arg(results), named("on", new Str("accuracy")),
                named("max_drop", Num.of(0)));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(3));
        assertThat(calls.printed).containsExactly("best: point 3 (prune(0.9) | quantize(int8)): "
                + "30,000 bytes, accuracy 91.00%, 0.5% above base");
        m = calls.call("best", arg(results), named("size", new Str("point")));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(1));
    }

    @Test
    void bestOfRecordsTakesPointZeroAsTheBase() {
        List<String> lines = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        Result r = run(lines, notices, """
                big = sequential(dense(2), input=[3], name="big")
                small = sequential(dense(2), input=[3], name="small")
                t = [{point: 0, accuracy: 0.9, bytes: 1000, status: "ok", model: big},
                     {point: 1, accuracy: 0.899, bytes: 500, status: "ok", model: small},
                     {point: 2, accuracy: 0.95, bytes: 10, status: "failed: x", model: big}]
                print(best(t, on="accuracy", max_drop=0.1%).name)
                """);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(lines).containsExactly("small");
        assertThat(notices).containsExactly("best: point 1: 500 bytes, accuracy 0.899, "
                + "0.001 below base");
    }

    @Test
    void aDropOfExactlyMaxDropQualifiesDespiteRounding() {
        TableValue results = new TableValue(COLUMNS, List.of(
                row(0, "base", 0.9, 0.9, 400, "ok", model()),
                row(1, "prune(0.5)", 0.895, 0.9, 200, "ok", model())));
        Value m = calls.call("best", arg(results));
        assertThat(((ModelValue) m).model()).isSameAs(models.get(1));
    }

    @Test
    void bestSaysWhenNothingIsWithinTheDrop() {
        assertThatThrownBy(() -> calls.call("best", arg(results()),
                named("max_drop", Num.of(0.001))))
                .isInstanceOf(UserError.class)
                .hasMessage("best: no row is within max_drop=0.1% of base's val accuracy 90.00%;"
                        + " the smallest drop is 0.2%, by point 1 (prune(0.5))");
        TableValue onlyBase = new TableValue(COLUMNS, List.of(
                row(0, "base", 0.9, 0.9, 400, "ok", model()), failed(1, "prune(0.5)")));
        assertThatThrownBy(() -> calls.call("best", arg(onlyBase)))
                .isInstanceOf(UserError.class)
                .hasMessage("best: no row is within max_drop=0.5% of base's val accuracy 90.00%;"
                        + " no other row has status ok and numbers in val accuracy and bytes");
    }

    @Test
    void bestNeedsABaseRow() {
        List<List<Cell>> rows = new ArrayList<>(results().rows());
        rows.remove(0);
        assertThatThrownBy(() -> calls.call("best", arg(new TableValue(COLUMNS, rows))))
                .isInstanceOf(UserError.class)
                .hasMessage("best: no base row to compare with: best needs the row of the model "
                        + "before compression, whose recipe is base (or whose point is 0)");
        rows.set(0, failed(0, "base"));
        assertThatThrownBy(() -> calls.call("best", arg(new TableValue(COLUMNS, rows))))
                .isInstanceOf(UserError.class)
                .hasMessage("best: the base row has no val accuracy to compare with (its status "
                        + "is failed: the loss diverged)");
    }

    @Test
    void bestNamesMissingColumns() {
        TableValue results = results();
        TableValue noVal = without(results, 2);
        assertThatThrownBy(() -> calls.call("best", arg(noVal)))
                .isInstanceOf(UserError.class)
                .hasMessage("best: the table has no column val accuracy; to compare accuracy "
                        + "instead, pass on=\"accuracy\"");
        TableValue noModel = without(results, 7);
        assertThatThrownBy(() -> calls.call("best", arg(noModel)))
                .isInstanceOf(UserError.class)
                .hasMessage("best: the table has no model column to take the model from; "
                        + "sweep(..) results have one");
        assertThatThrownBy(() -> calls.call("best", arg(results), named("size", new Str("mb"))))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("best: the table has no column mb; its columns are");
        assertThat(calls.printed).isEmpty();
    }

    private static TableValue without(TableValue table, int column) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.remove(column);
        List<List<Cell>> rows = new ArrayList<>();
        for (List<Cell> row : table.rows()) {
            List<Cell> copy = new ArrayList<>(row);
            copy.remove(column);
            rows.add(copy);
        }
        return new TableValue(columns, rows);
    }

    // plot(.., kind=pareto)

    @Test
    void plotKindParetoWritesAPng() throws Exception {
        Path file = tmp.resolve("front.png");
        List<String> lines = new ArrayList<>();
        Result r = run(lines, new ArrayList<>(), """
                t = table([{point: 0, name: "base", accuracy: 0.9, bytes: 400000, status: "ok"},
                           {point: 1, name: "a", accuracy: 0.95, bytes: 10, status: "failed: x"},
                           {point: 2, name: "b", accuracy: 0.85, bytes: 4000, status: "ok"},
                           {point: 3, name: "c", accuracy: 0.8, bytes: 4500, status: "ok"},
                           {point: 4, name: "d", status: "failed: y"},
                           {point: 5, name: "e", accuracy: 0.89, bytes: 30000, status: "ok"}])
                plot(t, x="bytes", y="accuracy", kind=pareto, file="%s")
                """.formatted(file));
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        assertThat(lines).containsExactly(file.toString());
        byte[] png = Files.readAllBytes(file);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
    }

    @Test
    void plotKindParetoOfSweepResultsSkipsFailedRows() {
        TableValue results = results();
        byte[] png = Plots.png(SweepTables.usable(results, 4, 2), 4, 2, "pareto", "front");
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        TableValue allFailed = new TableValue(COLUMNS, List.of(failed(0, "base")));
        assertThatThrownBy(() -> calls.call("plot", arg(allFailed), named("x", new Str("bytes")),
                named("y", new Str("accuracy")), named("kind", new Str("pareto"))))
                .isInstanceOf(UserError.class)
                .hasMessage("plot: no row has numbers in both bytes and accuracy and status ok; "
                        + "nothing to plot");
    }

    @Test
    void plotKindParetoDefaultsToAccuracyAgainstBytesAndOtherKindsNeedTheColumns() {
        TableValue allFailed = new TableValue(COLUMNS, List.of(failed(0, "base")));
        assertThatThrownBy(() -> calls.call("plot", arg(allFailed),
                named("kind", new Str("pareto"))))
                .hasMessage("plot: no row has numbers in both bytes and accuracy and status ok; "
                        + "nothing to plot");
        assertThatThrownBy(() -> calls.call("plot", arg(results())))
                .isInstanceOf(UserError.class)
                .hasMessage("plot: missing argument x; name the column as a string, e.g. "
                        + "x=\"non-zeros\"");
        assertThatThrownBy(() -> calls.call("plot", arg(results()), named("x", new Str("bytes"))))
                .hasMessageStartingWith("plot: missing argument y;");
    }

    private static Result run(List<String> lines, List<String> notices, String code) {
        Session session = new Session(Output.of(lines::add, notices::add, ProgressListener.NONE));
        return session.executeScript(new SourceText("t.mcs", code), null);
    }
}
