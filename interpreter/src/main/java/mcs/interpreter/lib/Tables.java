package mcs.interpreter.lib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Layer;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.train.Evaluator;

/**
 * The tables of {@code summary}, {@code report} and {@code table} (a list of records as a
 * table), and how their numbers are written.
 */
final class Tables {

    /** Dense fp32, the size compression ratios are measured against. */
    private static final int BYTES_PER_PARAM = 4;
    /** A record {@code report} takes, for its error messages. */
    private static final String MODEL_RECORD = "{name: \"small\", model: small}";

    private Tables() {
    }

    /**
     * One row per layer (residual bodies indented under their block), 0-based like indexing;
     * bytes are what the layer's tensors take in the model's .mcz file.
     */
    static TableValue summary(Model m) {
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            addLayer(rows, m, m.layers().get(i), Integer.toString(i), 0);
        }
        List<Column> columns = new ArrayList<>(List.of(new Column("#", true),
                new Column("layer", false), new Column("description", false),
                new Column("output", false), new Column("params", true),
                new Column("non-zeros", true), new Column("bytes", true),
                new Column("weights", false)));
        boolean compressed = rows.stream().anyMatch(r -> !r.get(7).text().isEmpty());
        if (!compressed) { // the weights column only when some layer is clustered/quantised
            columns.remove(7);
            rows.replaceAll(r -> r.subList(0, 7));
        }
        return new TableValue(columns, rows);
    }

    private static void addLayer(List<List<Cell>> rows, Model m, Layer layer, String index,
                                 int depth) {
        LayerValue.Placement p = LayerValue.placed(m, layer).placement();
        long bytes = 0;
        for (ParamDecl d : layer.params()) {
            bytes += McsFile.tensorBytes(m.tensor(layer.tensorName(d)));
        }
        rows.add(List.of(Cell.text(index), Cell.text("  ".repeat(depth) + layer.name()),
                Cell.text(layer.spec().describe()), Cell.text(layer.output().toString()),
                count(p.params()), count(p.nonzeros()), count(bytes),
                Cell.text(weights(m, layer))));
        for (Layer child : layer.children()) {
            addLayer(rows, m, child, "", depth + 1);
        }
    }

    /** The compression state of a layer's kernel, e.g. {@code 16 clusters, int8}. */
    private static String weights(Model m, Layer layer) {
        for (mcs.runtime.model.ParamDecl p : layer.params()) {
            if (p.role() == mcs.runtime.model.TensorRole.KERNEL) {
                return m.tensor(layer.tensorName(p)).describeCompression();
            }
        }
        return "";
    }

    /**
     * One row per model, evaluated on {@code data=} or the first model's test split; bytes is
     * the size of the model's .mcz file and ratio the first model's dense fp32 size (4 bytes
     * per parameter) over it. Given one list of records instead, a row per record: its
     * {@code model} measured, named by its {@code name} field, its other number, string and
     * boolean fields as further columns.
     */
    static Value report(Args a, CallContext c) {
        List<Args.Bound> given = a.all("models");
        if (given.isEmpty()) {
            throw c.error("give the models to compare, e.g. report(base, small)");
        }
        Lineup lineup = given.size() == 1 && given.get(0).value() instanceof ListValue list
                ? lineup(a, given.get(0), list) : lineup(a, given);
        List<Model> compared = lineup.models();
        SplitValue data = reportData(a, c, lineup);
        double[] latencies = MetricBuiltins.latencies(compared, a, c);
        List<List<Cell>> rows = new ArrayList<>();
        long dense = -1;
        for (int i = 0; i < compared.size(); i++) {
            Model m = compared.get(i);
            double accuracy = Evaluator.accuracy(m, data.split(), c.cancel());
            c.cancel().check();
            double latency = latencies[i];
            long bytes = McsFile.size(m);
            dense = dense < 0 ? m.paramCount() * BYTES_PER_PARAM : dense;
            double ratio = (double) dense / bytes;
            List<Cell> row = new ArrayList<>(List.of(Cell.text(lineup.labels().get(i)),
                    percent(accuracy), count(m.paramCount()), count(m.nonzeros()),
                    percent(m.sparsity()), count(bytes),
                    new Cell(String.format(Locale.ROOT, "%.2fx", ratio), Num.of(ratio)),
                    new Cell(String.format(Locale.ROOT, "%.3f", latency), Num.of(latency))));
            row.addAll(lineup.extras().rows().get(i));
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>(List.of(new Column("model", false),
                new Column("accuracy", true), new Column("params", true),
                new Column("non-zeros", true), new Column("sparsity", true),
                new Column("bytes", true), new Column("ratio", true),
                new Column(MetricBuiltins.latencyColumn(a), true)));
        columns.addAll(lineup.extras().columns());
        return new TableValue(columns, rows);
    }

    /**
     * What a report compares: the models, the names of their rows, and a table of further
     * columns with a row per model; {@code example} is the argument for an error's example.
     */
    private record Lineup(List<String> labels, List<Model> models, TableValue extras,
                          String example) { }

    /** Models given one by one, named after their variables. */
    private static Lineup lineup(Args a, List<Args.Bound> given) {
        List<String> labels = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        for (Args.Bound b : given) {
            if (!(b.value() instanceof ModelValue m)) {
                throw a.error(b, given.size() == 1
                        ? "models must be a model or a list of records, got "
                                + b.value().describe()
                        : "models must be a model, got " + b.value().describe()
                                + (b.value() instanceof ListValue
                                ? "; a list of records comes on its own: report(rows)" : ""));
            }
            labels.add(b.label() != null ? b.label() : m.model().name());
            models.add(m.model());
        }
        TableValue none = new TableValue(List.of(), Collections.nCopies(given.size(), List.of()));
        return new Lineup(labels, models, none, labels.get(0));
    }

    /** A list of records, each with a {@code model} field. */
    private static Lineup lineup(Args a, Args.Bound given, ListValue list) {
        Function<String, UserError> error = message -> a.error(given, message);
        List<RecordValue> records = records(list, error, MODEL_RECORD);
        if (records.isEmpty()) {
            throw error.apply("the list of records is empty; give the models to compare");
        }
        List<String> labels = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        List<Value> extras = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            RecordValue r = records.get(i);
            Value field = r.get("model").orElse(null);
            if (field == null) {
                throw error.apply("element " + i + " has no model field; each record names "
                        + "its model, e.g. " + MODEL_RECORD);
            }
            if (!(field instanceof ModelValue m)) {
                throw error.apply("element " + i + " has model " + field.describe()
                        + ", not a model");
            }
            labels.add(r.get("name").map(v -> cell(v).text()).orElse(m.model().name()));
            models.add(m.model());
            Map<String, Value> rest = new LinkedHashMap<>(r.fields());
            rest.keySet().removeAll(List.of("model", "name"));
            rest.values().removeIf(v -> !(v instanceof Num || v instanceof Str
                    || v instanceof Bool));
            extras.add(new RecordValue(rest));
        }
        String example = given.label() != null ? given.label() : "rows";
        return new Lineup(labels, models, ofRecords(new ListValue(extras), error), example);
    }

    private static SplitValue reportData(Args a, CallContext c, Lineup lineup) {
        if (a.present("data")) {
            return MetricBuiltins.split(a.value("data"));
        }
        Model m = lineup.models().get(0);
        if (m.trainedOn() == null) {
            String name = lineup.labels().get(0);
            throw c.error(name + " was not trained here, so there is no test split to evaluate "
                    + "on; pass data=, e.g. report(" + lineup.example()
                    + ", data=fmnist.test)");
        }
        return new SplitValue(m.trainedOn().test(), m.trainedOn().name());
    }

    /** A table, or a list of records as one ({@link #ofRecords}); errors at {@code param}. */
    static TableValue rows(Args a, String param) {
        Value v = a.value(param);
        if (v instanceof TableValue t) {
            return t;
        } else if (v instanceof ListValue list) {
            return ofRecords(list, message -> a.error(param, message));
        }
        throw a.error(param, param + " must be a table or a list of records, got "
                + v.describe());
    }

    /**
     * A list of records as a table: a column per field, in the order the fields are first
     * seen; a record without a field leaves its cell empty. Columns whose cells are all
     * numbers (empty ones aside) are numeric, so right-aligned. {@code error} makes the error
     * for a mistake in the list, e.g. an element that is no record.
     */
    static TableValue ofRecords(ListValue list, Function<String, UserError> error) {
        List<RecordValue> records = records(list, error, "{name: \"small\", acc: 0.91}");
        Set<String> names = new LinkedHashSet<>();
        records.forEach(r -> names.addAll(r.names()));
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            boolean numeric = records.stream()
                    .allMatch(r -> r.get(name).map(v -> v instanceof Num).orElse(true));
            columns.add(new Column(name, numeric));
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (RecordValue r : records) {
            List<Cell> row = new ArrayList<>();
            for (String name : names) {
                row.add(r.get(name).map(Tables::cell).orElse(new Cell("", Nil.NIL)));
            }
            rows.add(row);
        }
        return new TableValue(columns, rows);
    }

    /** The list's elements, each a record (else an error showing {@code example}). */
    private static List<RecordValue> records(ListValue list, Function<String, UserError> error,
                                             String example) {
        List<RecordValue> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof RecordValue r)) {
                throw error.apply("element " + i + " is " + list.get(i).describe()
                        + ", not a record; each element is a record such as " + example);
            }
            records.add(r);
        }
        return records;
    }

    /**
     * A field's cell: numbers as {@link Num#format} writes them, strings as their text, models
     * by name, booleans as true or false, other values as they show inside a list (a table as
     * {@code <table of 3 rows>}).
     */
    static Cell cell(Value v) {
        if (v instanceof Num n) {
            return new Cell(Num.format(n.value()), n);
        } else if (v instanceof Str s) {
            return Cell.text(s.value());
        } else if (v instanceof ModelValue m) {
            return new Cell(m.model().name(), m);
        }
        return new Cell(v.showNested(), v);
    }

    /** {@code 89.74%}, standing for 0.8974. */
    static Cell percent(double fraction) {
        return new Cell(String.format(Locale.ROOT, "%.2f%%", fraction * 100), Num.of(fraction));
    }

    /** {@code 431,080}. */
    static Cell count(long n) {
        return new Cell(String.format(Locale.ROOT, "%,d", n), Num.of(n));
    }
}
