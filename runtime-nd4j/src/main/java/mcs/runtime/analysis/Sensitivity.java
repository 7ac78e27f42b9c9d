package mcs.runtime.analysis;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.data.Split;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.prune.MagnitudePruner;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;
import mcs.runtime.train.Evaluator;

/**
 * Per-layer sensitivity (as in Han et al. 2015 and tfmot's guides): one layer's kernel at a time
 * is compressed while every other layer stays as it is, and the accuracy on a split is measured.
 * Layers whose accuracy drops least are the ones to compress hardest; the others are candidates
 * for a skip list. Two methods: magnitude pruning to each of the given sparsities, or symmetric
 * per-output-channel weight quantisation to {@code bits} (TFLite's int8 scheme; a clustered
 * kernel has its centroids quantised).
 */
public final class Sensitivity {

    /** One layer: its name, kernel size and the accuracy at each level (in order). */
    public record Row(String layer, long params, List<Double> accuracies) { }

    /** The accuracy of the unchanged model and one row per Dense/Conv2D layer. */
    public record Result(double baseline, List<Double> levels, List<Row> rows) { }

    private Sensitivity() {
    }

    /** Prunes each layer's kernel alone to each sparsity in {@code levels}. */
    public static Result pruning(Model model, Split split, List<Double> levels,
                                 Cancellation cancel) {
        if (levels.isEmpty()) {
            throw new InvalidInputException("sensitivity: give at least one sparsity");
        }
        for (double s : levels) {
            if (!(s >= 0 && s < 1)) {
                throw new InvalidInputException("sensitivity: sparsity must be in [0, 1), got "
                        + s);
            }
        }
        return run(model, split, levels, cancel, (k, level) ->
                k.withMask(MagnitudePruner.mask(k.values(), level)));
    }

    /** Quantises each layer's kernel alone, per output channel, to {@code bits} (4 or 8). */
    public static Result quantization(Model model, Split split, int bits, Cancellation cancel) {
        if (bits != 4 && bits != 8) {
            throw new InvalidInputException("sensitivity: bits must be 4 or 8, got " + bits);
        }
        return run(model, split, List.of((double) bits), cancel, (k, level) -> {
            int axis = k.shape().length == 2 ? 1 : 0;
            QuantSpec q = WeightQuantizer.perChannel(k.values(), k.shape(), axis, bits, true, true);
            return k.clusters() != null ? k.withQuant(k.refitCentroids(q)) : k.withQuant(q);
        });
    }

    private interface Compression {
        Tensor apply(Tensor kernel, double level);
    }

    private static Result run(Model model, Split split, List<Double> levels, Cancellation cancel,
                              Compression compression) {
        double baseline = Evaluator.accuracy(model, split, cancel);
        List<Row> rows = new ArrayList<>();
        for (Layer l : model.allLayers()) {
            if (!(l.spec() instanceof LayerSpec.Dense || l.spec() instanceof LayerSpec.Conv2D)) {
                continue;
            }
            Tensor kernel = model.tensor(l.name() + ".kernel");
            List<Double> acc = new ArrayList<>();
            for (double level : levels) {
                cancel.check();
                Model changed = model.withTensors(List.of(compression.apply(kernel, level)));
                acc.add(Evaluator.accuracy(changed, split, cancel));
            }
            rows.add(new Row(l.name(), kernel.size(), List.copyOf(acc)));
        }
        return new Result(baseline, List.copyOf(levels), List.copyOf(rows));
    }
}
