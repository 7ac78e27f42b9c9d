package mcs.interpreter.sweep;

import java.io.Serializable;

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

    public boolean isBase() {
        return recipe.isEmpty();
    }

    /** The recipe as shown in a results table: "base" for the base model. */
    public String label() {
        return isBase() ? "base" : recipe;
    }
}
