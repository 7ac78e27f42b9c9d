package mcs.runtime.transform;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;

/**
 * Stores every float tensor of a model as fp16 or bf16 (values, or the centroids of clustered
 * tensors, rounded to nearest even), as torch's {@code model.half()} does for storage. Tensors
 * quantised to integers keep their grid. The forward pass computes in fp32 from the rounded
 * values (ND4J's CPU backend has no fp16 arithmetic), so accuracy is that of the stored model;
 * training keeps fp32 master weights for a run and rounds them back when it returns the model.
 */
public final class MixedPrecision {

    /** The converted model and how many tensors were left alone because they are quantised. */
    public record Result(Model model, int converted, int quantised) { }

    private MixedPrecision() {
    }

    public static Result apply(Model model, Precision precision) {
        List<Tensor> out = new ArrayList<>();
        int quantised = 0;
        for (Tensor t : model.tensors()) {
            if (t.quant() != null) {
                quantised++;
            } else {
                out.add(t.withPrecision(precision));
            }
        }
        Model m = model.withTensors(out).withHistory("precision " + precision.label());
        return new Result(m, out.size(), quantised);
    }
}
