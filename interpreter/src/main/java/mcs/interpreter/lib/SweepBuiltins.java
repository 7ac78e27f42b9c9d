package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.sweep.DataRef;
import mcs.interpreter.sweep.Engines;
import mcs.interpreter.sweep.PointResult;
import mcs.interpreter.sweep.PointRunner;
import mcs.interpreter.sweep.ResultsFile;
import mcs.interpreter.sweep.SweepEngine;
import mcs.interpreter.sweep.SweepJob;
import mcs.interpreter.sweep.SweepPoint;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Datasets;
import mcs.runtime.io.McsFile;
import mcs.runtime.io.ModelFiles;
import mcs.runtime.model.Model;

/**
 * {@code sweep}: every combination of the settings given, each point an independent task on
 * the sweep engine (Spark, embedded or a cluster), measured and returned as a table; with
 * {@code out=}, each finished point is a row of a results file that a rerun continues.
 */
final class SweepBuiltins {

    private static final String[] FORMATS = {"int8", "uint8", "int4", "fp16", "bf16"};

    private SweepBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("sweep", Group.SEARCH, "Compresses a model every way a grid of settings "
                        + "allows and measures each; a table.")
                .param(Param.required("base", Type.MODEL, "the trained model to compress"))
                .param(Param.required("data", Type.DATASET, "its dataset (fine-tuning, "
                        + "validation and test)"))
                .param(Param.optional("prune", Type.ANY, "sparsities, e.g. [0.5, 0.9]"))
                .param(Param.optional("cluster", Type.ANY, "clusters per kernel, e.g. [16, 32]"))
                .param(Param.symbolList("quantize", "formats, e.g. [int8, int4]", FORMATS))
                .param(Param.optional("finetune", Type.ANY, Num.of(0), "epochs after pruning "
                        + "(one or a list)"))
                .param(Param.optional("val", Type.INTEGER, "validation samples (see below)")
                        .range(Range.atLeast(1)))
                .param(Param.optional("out", Type.STRING, "results file (JSON lines)"))
                .param(Param.optional("master", Type.STRING, "Spark master (see below)"))
                .param(Param.optional("workers", Type.INTEGER, "points at once, embedded")
                        .range(Range.closed(1, 256)))
                .note("Each point is base | prune(s, schedule=poly) | finetune(data, epochs=e)")
                .note("  | cluster(k) | quantize(f), leaving out the settings not swept; row 0")
                .note("  measures base itself. Fine-tuning uses the training split less its last")
                .note("  val samples (default: a tenth, at most 5,000), on which \"val accuracy\"")
                .note("  is measured; \"accuracy\" is on the test split.")
                .note("Points run as Spark tasks: embedded, workers at once (default: one per 2")
                .note("  cores), unless master= or mcs --master names a standalone cluster")
                .note("  (\"spark://host:7077\"), whose executors load the data themselves.")
                .note("With out=, each finished point is at once a row of that file, its model")
                .note("  in <out>.models/; the same sweep run again skips the rows there.")
                .returns(Type.TABLE), SweepBuiltins::sweep);
    }

    private static Value sweep(Args a, CallContext c) {
        Model base = a.model("base");
        DatasetValue data = a.dataset("data");
        List<SweepPoint> points = points(a);
        Dataset d = data.dataset();
        int trainSize = d.train().size();
        int val = a.present("val") ? a.integer("val") : DataRef.defaultValidation(trainSize);
        if (val >= trainSize) {
            throw a.error("val", "val must leave training samples: the training split has "
                    + trainSize);
        }
        String master = a.present("master") ? a.str("master") : Engines.defaultMaster();
        if (master != null && !Datasets.names().contains(d.name())) {
            throw a.error("data", "a cluster's executors load the data by name, and "
                    + d.name() + " is not one of " + String.join(", ", Datasets.names())
                    + "; use dataset(..) (and subset(..)), or sweep embedded");
        }
        DataRef ref = DataRef.of(d, val);
        SweepJob job = SweepJob.of(base, ref);
        ResultsFile out = a.present("out") ? ResultsFile.open(Path.of(a.str("out"))) : null;
        Map<Integer, Row> rows = new TreeMap<>();
        if (out != null) {
            resumed(a, out, job, points, rows);
        }
        List<SweepPoint> todo = points.stream().filter(p -> !rows.containsKey(p.index())).toList();
        if (!todo.isEmpty()) {
            int workers = a.present("workers") ? a.integer("workers")
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
            PointRunner.offer(ref, d);
            SweepEngine engine = Engines.open(master, workers);
            c.notice(String.format(Locale.ROOT, "sweep: %d points%s on %s, %s", todo.size(),
                    rows.isEmpty() ? "" : " (" + rows.size() + " done before, in "
                            + out.path().getFileName() + ")", engine.describe(), ref.describe()));
            Progress progress = new Progress(c, todo.size());
            engine.run(job, todo, r -> {
                if (out != null) {
                    out.append(r, job.fingerprint(), ref.describe());
                }
                Row row = new Row(r, r.mcz() == null ? null : McsFile.decode(r.mcz(),
                        "point " + r.point().index()));
                rows.put(r.point().index(), row);
                progress.done(r);
            }, c.cancel());
        } else {
            c.notice("sweep: all " + points.size() + " points are in " + out.path().getFileName()
                    + " already");
        }
        return table(rows.values());
    }

    /** A point's result with its model, if it has one. */
    private record Row(PointResult result, Model model) { }

    /** Every combination of the settings given, numbered from 1 after the base (0). */
    private static List<SweepPoint> points(Args a) {
        List<Double> sparsities = numbers(a, "prune", 0, 0.9999, false);
        List<Double> clusters = numbers(a, "cluster", 2, 65536, true);
        List<Double> epochs = numbers(a, "finetune", 0, 100_000, true);
        List<String> formats = new ArrayList<>();
        if (a.present("quantize")) {
            a.list("quantize").elements().forEach(v -> formats.add(((Sym) v).name()));
        }
        if (sparsities.isEmpty() && clusters.isEmpty() && formats.isEmpty()) {
            throw new UserError("sweep: give what to vary: prune=, "
                    + "cluster= or quantize= (each a value or a list)", a.span("base"));
        }
        List<SweepPoint> points = new ArrayList<>(List.of(SweepPoint.base()));
        for (double s : orNone(sparsities)) {
            for (double e : epochs.isEmpty() ? List.of(0.0) : epochs) {
                for (double k : orNone(clusters)) {
                    for (String f : formats.isEmpty() ? Collections.singletonList((String) null)
                            : formats) {
                        points.add(SweepPoint.of(points.size(), s, (int) e, k, f));
                    }
                }
            }
        }
        return points;
    }

    private static List<Double> orNone(List<Double> values) {
        return values.isEmpty() ? List.of(Double.NaN) : values;
    }

    /** A parameter's number or list of numbers, each checked against [lo, hi]. */
    private static List<Double> numbers(Args a, String name, double lo, double hi,
                                        boolean whole) {
        if (!a.present(name)) {
            return List.of();
        }
        Value v = a.value(name);
        List<Value> given = v instanceof ListValue l ? l.elements() : List.of(v);
        if (given.isEmpty()) {
            throw a.error(name, name + " must have at least one value");
        }
        List<Double> out = new ArrayList<>();
        for (Value e : given) {
            if (!(e instanceof Num n) || (whole && !n.isWhole()) || n.value() < lo
                    || n.value() > hi) {
                throw a.error(name, name + " must be " + (whole ? "whole numbers" : "numbers")
                        + " in [" + Num.format(lo) + ", " + Num.format(hi) + "] (or a list of "
                        + "them), got " + e.showNested());
            }
            if (!out.contains(n.value())) {
                out.add(n.value());
            }
        }
        return out;
    }

    /** The rows of {@code out} for this sweep's points; an error if it holds another sweep's. */
    private static void resumed(Args a, ResultsFile out, SweepJob job, List<SweepPoint> points,
                                Map<Integer, Row> rows) {
        Map<String, SweepPoint> byRecipe = new HashMap<>();
        points.forEach(p -> byRecipe.put(p.label(), p));
        for (ResultsFile.Row r : out.rows()) {
            if (!r.base().equals(job.fingerprint()) || !r.data().equals(job.data().describe())) {
                throw a.error("out", out.path() + " holds the results of a sweep of another "
                        + "base model or data (" + r.data() + "); name another out= file, or "
                        + "delete it to start again");
            }
            SweepPoint p = byRecipe.get(r.result().point().label());
            if (p != null && r.result().ok()) {
                Model m = r.model() != null && Files.exists(r.model())
                        ? ModelFiles.load(r.model()) : null;
                rows.put(p.index(), new Row(r.result().at(p), m));
            }
        }
    }

    /** Notices as points finish: how many, what each measured, the time left. */
    private static final class Progress {
        private final CallContext c;
        private final int total;
        private final long start = System.nanoTime();
        private int done;

        Progress(CallContext c, int total) {
            this.c = c;
            this.total = total;
        }

        void done(PointResult r) {
            done++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double left = elapsed / done * (total - done);
            String what = r.ok() ? String.format(Locale.ROOT, "val %.2f%%, test %.2f%%, %,d bytes "
                    + "(%.1fx)", r.valAccuracy() * 100, r.accuracy() * 100, r.bytes(), r.ratio())
                    : "failed: " + r.error();
            c.notice(String.format(Locale.ROOT, "sweep: %d/%d  %s: %s%s", done, total,
                    r.point().label(), what, done < total ? "  (about " + clock(left) + " left)"
                    : String.format(Locale.ROOT, "  (all done in %s)", clock(elapsed))));
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }

    private static TableValue table(Iterable<Row> rows) {
        List<Column> columns = List.of(new Column("point", true), new Column("recipe", false),
                new Column("sparsity", true), new Column("clusters", true),
                new Column("bits", false), new Column("val accuracy", true),
                new Column("accuracy", true), new Column("bytes", true),
                new Column("ratio", true), new Column("non-zeros", true),
                new Column("latency", true), new Column("status", false),
                new Column("model", false));
        List<List<Cell>> cells = new ArrayList<>();
        for (Row row : rows) {
            PointResult r = row.result();
            SweepPoint p = r.point();
            List<Cell> line = new ArrayList<>();
            line.add(Tables.count(p.index()));
            line.add(Cell.text(p.label()));
            line.add(Double.isNaN(p.sparsity()) ? empty() : Tables.percent(p.sparsity()));
            line.add(p.clusters() == 0 ? empty() : Tables.count(p.clusters()));
            line.add(Cell.text(p.bits().isEmpty() ? "fp32" : p.bits()));
            if (r.ok()) {
                line.add(Double.isNaN(r.valAccuracy()) ? empty()
                        : Tables.percent(r.valAccuracy()));
                line.add(Tables.percent(r.accuracy()));
                line.add(Tables.count(r.bytes()));
                line.add(new Cell(String.format(Locale.ROOT, "%.2fx", r.ratio()), Num.of(r.ratio())));
                line.add(Tables.count(r.nonzeros()));
                line.add(new Cell(String.format(Locale.ROOT, "%.3f", r.latencyMs()),
                        Num.of(r.latencyMs())));
                line.add(Cell.text("ok"));
            } else {
                for (int i = 0; i < 6; i++) {
                    line.add(empty());
                }
                line.add(Cell.text("failed: " + r.error()));
            }
            line.add(row.model() == null ? empty()
                    : new Cell("point " + p.index(), new ModelValue(row.model())));
            cells.add(line);
        }
        return new TableValue(columns, cells);
    }

    private static Cell empty() {
        return new Cell("", Nil.NIL);
    }
}
