package mcs.runtime.onnx.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/** Models and inputs for the export tests. */
final class TestModels {

    private TestModels() {
    }

    /**
     * Every layer kind and activation: SAME convolutions with an even kernel and stride 2 on an
     * odd size (asymmetric padding), batch norm on images and vectors, a residual block, both
     * poolings, a softmax over an image and one inside the network, dropout, a final softmax.
     */
    static Model everyLayer(long seed) {
        List<LayerSpec> block = List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.LINEAR),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Act(Activation.RELU),
                new LayerSpec.Conv2D(8, 4, 1, Padding.SAME, Activation.TANH));
        Model m = Model.sequential("everylayer", Shape.image(3, 11, 11), List.of(
                new LayerSpec.Conv2D(8, 3, 1, Padding.SAME, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Residual(block),
                new LayerSpec.Conv2D(6, 4, 2, Padding.SAME, Activation.SIGMOID),
                new LayerSpec.Pool(false, 2, 2),
                new LayerSpec.Conv2D(6, 1, 1, Padding.VALID, Activation.SOFTMAX),
                new LayerSpec.Pool(true, 2, 1),
                new LayerSpec.Flatten(),
                new LayerSpec.Dropout(0.3),
                new LayerSpec.Dense(16, Activation.SIGMOID),
                new LayerSpec.BatchNorm(1e-3, 0.99),
                new LayerSpec.Act(Activation.TANH),
                new LayerSpec.Dense(12, Activation.SOFTMAX),
                new LayerSpec.Dense(5, Activation.SOFTMAX)), seed);
        return randomized(m, seed);
    }

    /**
     * Glorot-initialised kernels kept; biases and batch-norm parameters and statistics drawn
     * afresh (gammas and variances positive), so none is at its trivial initial value and the
     * logits stay of order 1.
     */
    static Model randomized(Model m, long seed) {
        Random r = new Random(seed);
        List<Tensor> ts = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                continue;
            }
            boolean positive = t.role() == TensorRole.MOVING_VARIANCE
                    || t.role() == TensorRole.GAMMA;
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                float u = (float) r.nextGaussian();
                v[i] = positive ? 0.5f + 0.5f * Math.abs(u) : 0.2f * u;
            }
            ts.add(t.withValues(v));
        }
        return m.withTensors(ts);
    }

    /** {@code batch} samples of uniform values in [0, 1). */
    static float[] inputs(Model m, int batch, long seed) {
        Random r = new Random(seed);
        float[] x = new float[batch * m.input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }
}
