package mcs.interpreter.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import mcs.interpreter.value.Num;

/**
 * One point of a sweep: its number (1-based; 0 is the base model) and the recipe applied to the
 * base, as mcs source ({@code prune(0.8, schedule=poly) | finetune(data, epochs=2) | cluster(16)}),
 * with the settings it was made from (NaN, 0 or "" where the point has none).
 */
public record SweepPoint(int index, String recipe, double sparsity, int clusters, String bits,
                         int epochs) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The row that measures the base model itself. */
    public static SweepPoint base() {
        return new SweepPoint(0, "", Double.NaN, 0, "", 0);
    }

    /**
     * The point {@code base | prune(sparsity) | finetune(data, epochs) | cluster(clusters) |
     * quantize(format)}, leaving out the settings it has not (a NaN sparsity or clusters, 0
     * epochs, a null format); pruning is gradual ({@code schedule=poly}) when fine-tuned.
     */
    public static SweepPoint of(int index, double sparsity, int epochs, double clusters,
                                String format) {
        List<String> stages = new ArrayList<>();
        if (!Double.isNaN(sparsity)) {
            stages.add(epochs > 0 ? "prune(" + Num.format(sparsity) + ", schedule=poly)"
                    : "prune(" + Num.format(sparsity) + ")");
        }
        if (epochs > 0) {
            stages.add("finetune(data, epochs=" + epochs + ")");
        }
        if (!Double.isNaN(clusters)) {
            stages.add("cluster(" + (int) clusters + ")");
        }
        if (format != null) {
            stages.add("quantize(" + format + ")");
        }
        return new SweepPoint(index, String.join(" | ", stages), sparsity,
                Double.isNaN(clusters) ? 0 : (int) clusters, format == null ? "" : format,
                epochs);
    }

    public boolean isBase() {
        return recipe.isEmpty();
    }

    /** The recipe as shown in a results table: "base" for the base model. */
    public String label() {
        return isBase() ? "base" : recipe;
    }
}
