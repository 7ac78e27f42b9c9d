package mcs.interpreter.lib;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Layer;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.train.Evaluator;
import mcs.runtime.train.Latency;

/** The tables of {@code summary} and {@code report}, and how their numbers are written. */
final class Tables {

    /** Dense fp32, the size compression ratios are measured against. */
    private static final int BYTES_PER_PARAM = 4;

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
     * per parameter) over it.
     */
    static Value report(Args a, CallContext c) {
        List<Args.Bound> models = a.all("models");
        if (models.isEmpty()) {
            throw c.error("give the models to compare, e.g. report(base, small)");
        }
        SplitValue data = reportData(a, c, models.get(0));
        List<Model> compared = new ArrayList<>();
        for (Args.Bound b : models) {
            compared.add(((ModelValue) b.value()).model());
        }
        double[] latencies = Latency.millis(compared, 1, c.cancel());
        List<List<Cell>> rows = new ArrayList<>();
        long dense = -1;
        for (int i = 0; i < models.size(); i++) {
            Args.Bound b = models.get(i);
            Model m = compared.get(i);
            double accuracy = Evaluator.accuracy(m, data.split(), c.cancel());
            c.cancel().check();
            double latency = latencies[i];
            long bytes = McsFile.size(m);
            dense = dense < 0 ? m.paramCount() * BYTES_PER_PARAM : dense;
            double ratio = (double) dense / bytes;
            rows.add(List.of(Cell.text(b.label() != null ? b.label() : m.name()),
                    percent(accuracy), count(m.paramCount()), count(m.nonzeros()),
                    percent(m.sparsity()), count(bytes),
                    new Cell(String.format(Locale.ROOT, "%.2fx", ratio), Num.of(ratio)),
                    new Cell(String.format(Locale.ROOT, "%.3f", latency), Num.of(latency))));
        }
        return new TableValue(List.of(new Column("model", false), new Column("accuracy", true),
                new Column("params", true), new Column("non-zeros", true),
                new Column("sparsity", true), new Column("bytes", true),
                new Column("ratio", true), new Column("ms/sample", true)), rows);
    }

    private static SplitValue reportData(Args a, CallContext c, Args.Bound first) {
        if (a.present("data")) {
            return MetricBuiltins.split(a.value("data"));
        }
        Model m = ((ModelValue) first.value()).model();
        if (m.trainedOn() == null) {
            String name = first.label() != null ? first.label() : m.name();
            throw c.error(name + " was not trained here, so there is no test split to evaluate "
                    + "on; pass data=, e.g. report(" + name + ", data=fmnist.test)");
        }
        return new SplitValue(m.trainedOn().test(), m.trainedOn().name());
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
