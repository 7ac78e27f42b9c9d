package mcs.runtime.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/** Small models with every tensor randomised (BatchNorm statistics too) and synthetic data. */
final class PruneTestModels {

    private PruneTestModels() {
    }

    /** The model with all tensors drawn anew: kernels and biases Gaussian, variances positive. */
    static Model randomised(Model m, long seed) {
        Random r = new Random(seed);
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                double g = r.nextGaussian() * (t.role() == TensorRole.KERNEL ? 0.3 : 0.5);
                v[i] = (float) (t.role() == TensorRole.MOVING_VARIANCE ? 0.5 + Math.abs(g) : g);
            }
            out.add(t.withValues(v));
        }
        return m.withTensors(out);
    }

    /** {@code n} random samples of {@code shape} with labels depending on the first feature. */
    static Dataset data(Shape shape, int n, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * shape.size()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < shape.size(); j++) {
                x[i * shape.size() + j] = r.nextFloat();
            }
            y[i] = Math.min(classes - 1, (int) (x[i * shape.size()] * classes));
        }
        Split s = new Split("synthetic", shape, x, y, classes);
        return new Dataset("synthetic", s, s);
    }
}
