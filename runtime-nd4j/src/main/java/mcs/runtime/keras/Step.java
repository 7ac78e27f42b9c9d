package mcs.runtime.keras;

import java.util.List;

/** One step of a Keras graph laid out in order: a single layer, or parallel paths merged. */
sealed interface Step {

    /** A layer applied to the previous step's output. */
    record Single(KerasGraph.Node node) implements Step {
    }

    /**
     * Paths that all start from the previous step's output and are combined by {@code merge}
     * (Add, Concatenate, ...); an empty path passes the input through. Paths are in the order
     * of the merge layer's inputs.
     */
    record Fork(List<List<Step>> paths, KerasGraph.Node merge) implements Step {
        public Fork {
            paths = paths.stream().map(List::copyOf).toList();
        }
    }
}
