package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Collectors;
import mcs.interpreter.Output;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;

/**
 * {@code display}, {@code table}, {@code plot}, {@code input} and {@code warn}: output beyond
 * printed text.
 * They go to an {@link Output}'s rich methods: a notebook kernel shows tables as HTML and plots
 * as images, asks for input through its frontend; the REPL and scripts print text, write plots
 * to PNG files and read standard input.
 */
final class DisplayBuiltins {

    private DisplayBuiltins() {
    }

    /**
     * Declares the builtins. With {@code display} null they use the calling session's printer
     * and the {@link Output} defaults (a plot becomes a file whose path is printed).
     */
    static void register(Builtins.Builder b, Output display) {
        b.add(define("display", Group.OTHER, "Shows values on their own; in a notebook, tables "
                        + "as HTML.")
                .param(Param.variadic("values", Type.ANY, "what to show"))
                .returns(Type.NOTHING), (a, c) -> {
                    Output out = output(display, c);
                    a.values("values").forEach(out::display);
                    return Nil.NIL;
                });
        b.add(define("table", Group.OTHER, "A table of a list of records, a column per field.")
                .param(Param.required("rows", Type.ROWS, "records, e.g. collected in a loop (a "
                        + "table stays as it is)"))
                .note("Columns are the fields in the order first seen; a record without a field")
                .note("leaves its cell empty. Columns of numbers are right-aligned; models show")
                .note("by name. A notebook shows the table as HTML.")
                .returns(Type.TABLE), (a, c) -> Tables.rows(a, "rows"));
        b.add(define("plot", Group.OTHER, "Plots one column of a table against another (a PNG "
                        + "image).")
                .param(Param.required("table", Type.ROWS, "e.g. report(..) or sweep(..), or "
                        + "records from a loop"))
                .param(axis("x", "column along the x axis, e.g. \"non-zeros\""))
                .param(axis("y", "column along the y axis, e.g. \"accuracy\""))
                .param(Param.symbol("kind", "line", "line, scatter, bar (x may be text), or "
                        + "pareto", "line", "scatter", "bar", "pareto"))
                .param(Param.optional("title", Type.STRING, "the chart's title (default: y vs x)"))
                .param(Param.optional("file", Type.STRING, "also save the PNG there"))
                .note("Name the columns as strings, as the table's header shows them (or the")
                .note("records' fields): plot(r, x=\"non-zeros\", y=\"accuracy\").")
                .note("A notebook shows the image; the REPL and scripts write it to a PNG file")
                .note("(file=, or a new file in the temporary directory) and print its path.")
                .note("kind=pareto draws the rows whose status is ok as points and marks the")
                .note("front of smallest x and largest y (see pareto), e.g. of sweep results;")
                .note("there x is bytes and y accuracy unless given: plot(r, kind=pareto).")
                .returns(Type.NOTHING), (a, c) -> plot(a, c, display));
        b.add(define("input", Group.OTHER, "Asks the user for a line of text and returns it.")
                .param(Param.optional("prompt", Type.STRING, new Str(""), "shown before the "
                        + "answer"))
                .returns(Type.STRING), (a, c) -> input(a, output(display, c)));
        b.add(define("warn", Group.OTHER, "Prints its arguments as a warning, on standard "
                        + "error.")
                .param(Param.variadic("values", Type.ANY, "what to print"))
                .returns(Type.NOTHING), (a, c) -> {
                    c.notice(a.values("values").stream().map(Value::show)
                            .collect(Collectors.joining(" ")));
                    return Nil.NIL;
                });
    }

    /** An axis of plot: needed but for kind=pareto, which has defaults. */
    private static Param axis(String name, String doc) {
        return Param.optional(name, Type.ANY, doc)
                .hint("name the column as a string, e.g. " + name + "=\"accuracy\"");
    }

    /** The column an axis names, or for kind=pareto {@code pareto} when not given. */
    private static String axis(Args a, String name, String pareto) {
        if (a.present(name)) {
            return columnName(a, name);
        }
        if (a.symbol("kind").equals("pareto")) {
            return pareto;
        }
        throw a.error(name, "missing argument " + name + "; name the column as a string, e.g. "
                + name + "=\"" + (name.equals("x") ? "non-zeros" : "accuracy") + "\"");
    }

    /** A parameter naming a column, {@code header} when not given. */
    static Param column(String name, String header, String doc) {
        return Param.optional(name, Type.ANY, new Str(header), doc)
                .hint("name the column as a string, e.g. " + name + "=\"" + header + "\"");
    }

    /** The output rich builtins use: the one given, or one printing through the call. */
    private static Output output(Output display, CallContext c) {
        if (display != null) {
            return display;
        }
        return Output.of(c::print, c::notice, c.progress());
    }

    private static Value plot(Args a, CallContext c, Output display) {
        TableValue table = Tables.rows(a, "table");
        String x = axis(a, "x", "bytes");
        String y = axis(a, "y", "accuracy");
        String title = a.present("title") ? a.str("title") : y + " vs " + x;
        if (table.rows().isEmpty()) {
            throw a.error("table", a.value("table") instanceof ListValue
                    ? "the list of records is empty; nothing to plot"
                    : "the table has no rows to plot");
        }
        int xi = Plots.column(a, "x", table, x);
        int yi = Plots.column(a, "y", table, y);
        String kind = a.symbol("kind");
        if (kind.equals("pareto")) {
            table = SweepTables.usable(table, xi, yi);
            if (table.rows().isEmpty()) {
                throw a.error("table", "no row has numbers in both " + x + " and " + y
                        + (Plots.find(table, "status") >= 0 ? " and status ok" : "")
                        + "; nothing to plot");
            }
        } else if (!Plots.numeric(table, yi)) {
            throw a.error("y", "column " + table.columns().get(yi).header()
                    + notNumbers(table, yi) + "; y needs a column of numbers");
        }
        byte[] png = Plots.png(table, xi, yi, kind, title);
        if (a.present("file")) {
            Path saved = save(a, Path.of(a.str("file")), png);
            if (display == null) {
                c.print(saved.toString());
                return Nil.NIL;
            }
        }
        try {
            output(display, c).image(png, title);
        } catch (UncheckedIOException e) {
            throw c.error(e.getMessage());
        }
        return Nil.NIL;
    }

    /** Why column {@code i} is no column of numbers: its first cell that is no number. */
    private static String notNumbers(TableValue table, int i) {
        for (int r = 0; r < table.rows().size(); r++) {
            Value v = table.rows().get(r).get(i).value();
            if (v instanceof Nil) {
                return " is empty in row " + r;
            } else if (!(v instanceof Num)) {
                return v instanceof Str ? " holds text" : " holds a " + v.typeName() + " in row "
                        + r;
            }
        }
        throw new IllegalArgumentException("column " + i + " holds numbers");
    }

    /** The column a parameter names: a string, or a bare word such as {@code params}. */
    static String columnName(Args a, String param) {
        Value v = a.value(param);
        if (v instanceof Str s) {
            return s.value();
        } else if (v instanceof Sym s) {
            return s.name();
        } else if (v instanceof BuiltinValue f) {
            return f.name();
        }
        throw a.error(param, param + " must name a column, e.g. " + param
                + "=\"accuracy\"; got " + v.describe());
    }

    /** Writes {@code png} to a temporary file beside {@code file}, then moves it there. */
    private static Path save(Args a, Path file, byte[] png) {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), ".plot-", ".png");
            try {
                Files.write(temp, png);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw a.error("file", "cannot write " + target + ": " + e.getMessage());
        }
        return target;
    }

    private static Value input(Args a, Output out) {
        String line;
        try {
            line = out.input(a.str("prompt"));
        } catch (UncheckedIOException | UnsupportedOperationException e) {
            throw a.error("prompt", e.getMessage());
        }
        if (line == null) {
            throw a.error("prompt", "no answer: the input has ended");
        }
        return new Str(line);
    }
}
