package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.Value;

/**
 * {@code pareto} and {@code best}: the trade-offs worth keeping in a table of compression
 * results, such as {@code sweep(..)}'s. A row counts when its status (if the table has a status
 * column) is {@code ok} and the cells compared are numbers; failed points and empty cells are
 * left out.
 */
final class SweepTables {

    /** The recipe of the reference row, the model before compression. */
    static final String BASE = "base";
    /** Slack for a drop equal to max_drop but for rounding, e.g. 0.9 - 0.895 against 0.5%. */
    private static final double ROUNDING = 1e-9;

    private SweepTables() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("pareto", Group.SEARCH, "The rows no other row beats on both size and "
                        + "accuracy: the Pareto front.")
                .param(Param.required("results", Type.ROWS, "e.g. the result of sweep(..)"))
                .param(DisplayBuiltins.column("x", "bytes", "the column to keep small"))
                .param(DisplayBuiltins.column("y", "accuracy", "the column to keep large"))
                .note("A row is on the front when no other row has an x as small and a y as")
                .note("large, and one of them strictly; of rows with equal x and y the first")
                .note("stays. Rows whose status is not ok, or whose x or y is empty, are left")
                .note("out. The front keeps the table's columns, sorted by x, smallest first:")
                .note("pareto(results, x=\"latency\", y=\"val accuracy\").")
                .returns(Type.TABLE), SweepTables::pareto);
        b.add(define("best", Group.SEARCH, "The smallest model whose accuracy is at most "
                        + "max_drop below the base model's.")
                .param(Param.required("results", Type.ROWS, "e.g. the result of sweep(..); needs "
                        + "a model column"))
                .param(Param.optional("max_drop", Type.NUMBER, Num.of(0.005), "how much "
                        + "accuracy may be lost, e.g. 1%").range(Range.closed(0, 1)))
                .param(DisplayBuiltins.column("on", "val accuracy", "the accuracy column "
                        + "compared"))
                .param(DisplayBuiltins.column("size", "bytes", "the column to keep small"))
                .note("The base model is the row whose recipe is base (or whose point is 0);")
                .note("of the other rows whose status is ok, best takes the one with the")
                .note("smallest size among those within max_drop of it, and says which.")
                .note("Compare on validation accuracy, so that the test accuracy of the model")
                .note("picked stays a fair estimate: best(results, max_drop=1%).")
                .returns(Type.MODEL), SweepTables::best);
    }

    private static Value pareto(Args a, CallContext c) {
        TableValue table = Tables.rows(a, "results");
        int x = column(a, "x", table);
        int y = column(a, "y", table);
        List<List<Cell>> rows = front(table, x, y).stream().map(table.rows()::get).toList();
        return new TableValue(table.columns(), rows);
    }

    /**
     * The indices of the {@link #usable} rows on the Pareto front of smallest column {@code x}
     * and largest column {@code y}, by x ascending; of rows with equal x and y, the first.
     */
    static List<Integer> front(TableValue table, int x, int y) {
        List<Integer> rows = usableRows(table, x, y);
        rows.sort(Comparator.<Integer>comparingDouble(r -> number(table, r, x))
                .thenComparing(Comparator.<Integer>comparingDouble(r -> number(table, r, y))
                        .reversed())
                .thenComparingInt(r -> r));
        List<Integer> front = new ArrayList<>();
        double highest = Double.NEGATIVE_INFINITY;
        for (int r : rows) { // each row has an x at least that of those before it
            double v = number(table, r, y);
            if (v > highest || front.isEmpty()) {
                front.add(r);
                highest = v;
            }
        }
        return front;
    }

    /** The table's rows whose status is ok (if it has a status) and whose columns are numbers. */
    static TableValue usable(TableValue table, int... columns) {
        List<List<Cell>> rows = usableRows(table, columns).stream().map(table.rows()::get)
                .toList();
        return new TableValue(table.columns(), rows);
    }

    private static List<Integer> usableRows(TableValue table, int... columns) {
        int status = Plots.find(table, "status");
        List<Integer> rows = new ArrayList<>();
        next:
        for (int r = 0; r < table.rows().size(); r++) {
            if (status >= 0 && !ok(table, r, status)) {
                continue;
            }
            for (int i : columns) {
                if (!(table.rows().get(r).get(i).value() instanceof Num n)
                        || Double.isNaN(n.value())) {
                    continue next;
                }
            }
            rows.add(r);
        }
        return rows;
    }

    private static boolean ok(TableValue table, int row, int status) {
        return table.rows().get(row).get(status).text().strip().equals("ok");
    }

    /** A cell that is a number ({@code -0} as 0, so that it ties with 0). */
    private static double number(TableValue table, int row, int column) {
        return ((Num) table.rows().get(row).get(column).value()).value() + 0.0;
    }

    private static int column(Args a, String param, TableValue table) {
        return Plots.column(a, param, table, DisplayBuiltins.columnName(a, param));
    }

    private static Value best(Args a, CallContext c) {
        TableValue table = Tables.rows(a, "results");
        int on = accuracyColumn(a, table);
        int size = column(a, "size", table);
        int model = Plots.find(table, "model");
        if (model < 0) {
            throw a.error("results", "the table has no model column to take the model from; "
                    + "sweep(..) results have one");
        }
        int base = base(a, table);
        if (usableRows(table, on).stream().noneMatch(r -> r == base)) {
            throw a.error("results", "the base row has no " + header(table, on) + " to compare "
                    + "with" + status(table, base) + testHint(table, on, base));
        }
        double reference = number(table, base, on);
        double maxDrop = a.num("max_drop");
        int picked = -1;
        int closest = -1;
        for (int r : usableRows(table, on, size)) {
            if (r == base) {
                continue;
            }
            if (reference - number(table, r, on) <= maxDrop + ROUNDING) {
                if (picked < 0 || smaller(table, r, picked, size, on)) {
                    picked = r;
                }
            } else if (closest < 0 || number(table, r, on) > number(table, closest, on)) {
                closest = r;
            }
        }
        if (picked < 0) {
            throw a.error("results", nothingWithin(table, on, size, base, closest, maxDrop));
        }
        if (!(table.rows().get(picked).get(model).value() instanceof ModelValue m)) {
            throw a.error("results", "the smallest within max_drop is " + name(table, picked)
                    + ", but its model cell is empty");
        }
        double drop = reference - number(table, picked, on);
        c.notice("best: " + name(table, picked) + ": " + cell(table, picked, size) + " "
                + header(table, size) + ", " + header(table, on) + " "
                + cell(table, picked, on) + (drop > 0 ? ", " + amount(table, on, drop)
                + " below base" : drop < 0 ? ", " + amount(table, on, -drop) + " above base"
                : ", as base"));
        return m;
    }

    /** Whether row {@code r} beats row {@code s}: smaller, or as small and more accurate. */
    private static boolean smaller(TableValue table, int r, int s, int size, int on) {
        int bySize = Double.compare(number(table, r, size), number(table, s, size));
        return bySize < 0 || bySize == 0 && number(table, r, on) > number(table, s, on);
    }

    /** The column {@code on} names; without it, an error pointing at accuracy if there. */
    private static int accuracyColumn(Args a, TableValue table) {
        String name = DisplayBuiltins.columnName(a, "on");
        int accuracy = Plots.find(table, "accuracy");
        if (Plots.find(table, name) < 0 && accuracy >= 0) {
            throw a.error("on", "the table has no column " + name + "; to compare "
                    + header(table, accuracy) + " instead, pass on=\"" + header(table, accuracy)
                    + "\"");
        }
        return Plots.column(a, "on", table, name);
    }

    /** The row whose recipe is base, else the one whose point is 0; or an error. */
    private static int base(Args a, TableValue table) {
        int recipe = Plots.find(table, "recipe");
        int point = Plots.find(table, "point");
        for (int r = 0; recipe >= 0 && r < table.rows().size(); r++) {
            if (cell(table, r, recipe).strip().equals(BASE)) {
                return r;
            }
        }
        for (int r = 0; point >= 0 && r < table.rows().size(); r++) {
            if (table.rows().get(r).get(point).value() instanceof Num n && n.value() == 0) {
                return r;
            }
        }
        throw a.error("results", "no base row to compare with: best needs the row of the "
                + "model before compression, whose recipe is " + BASE + " (or whose point is 0)");
    }

    private static String nothingWithin(TableValue table, int on, int size, int base,
                                        int closest, double maxDrop) {
        String within = "no row is within max_drop=" + amount(table, on, maxDrop) + " of base's "
                + header(table, on) + " " + cell(table, base, on);
        if (closest < 0) {
            return within + "; no other row has status ok and numbers in " + header(table, on)
                    + " and " + header(table, size);
        }
        double drop = number(table, base, on) - number(table, closest, on);
        return within + "; the smallest drop is " + amount(table, on, drop) + ", by "
                + name(table, closest);
    }

    /** A hint to compare test accuracy when the base's is a number but not its {@code on}. */
    private static String testHint(TableValue table, int on, int base) {
        int accuracy = Plots.find(table, "accuracy");
        return accuracy >= 0 && accuracy != on && usableRows(table, accuracy).contains(base)
                ? "; to compare " + header(table, accuracy) + " instead, pass on=\""
                + header(table, accuracy) + "\"" : "";
    }

    private static String status(TableValue table, int row) {
        int status = Plots.find(table, "status");
        return status >= 0 && !ok(table, row, status)
                ? " (its status is " + cell(table, row, status) + ")" : "";
    }

    /** A row as the user knows it: {@code point 3 (prune(0.8) | quantize(int8))}. */
    private static String name(TableValue table, int row) {
        int point = Plots.find(table, "point");
        int recipe = Plots.find(table, "recipe");
        String name = point >= 0 && !cell(table, row, point).isEmpty()
                ? "point " + cell(table, row, point) : "row " + row;
        return recipe >= 0 ? name + " (" + cell(table, row, recipe) + ")" : name;
    }

    /** An amount of column {@code column}'s unit: percent when its cells show percents. */
    private static String amount(TableValue table, int column, double v) {
        List<String> shown = table.rows().stream().map(r -> r.get(column).text())
                .filter(t -> !t.isEmpty()).toList();
        boolean percent = !shown.isEmpty() && shown.stream().allMatch(t -> t.endsWith("%"));
        return percent ? Num.format(v * 100) + "%" : Num.format(v);
    }

    private static String cell(TableValue table, int row, int column) {
        return table.rows().get(row).get(column).text();
    }

    private static String header(TableValue table, int column) {
        return table.columns().get(column).header();
    }
}
