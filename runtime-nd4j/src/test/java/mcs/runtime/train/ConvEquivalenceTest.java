package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import mcs.runtime.Engine;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The two convolution executors, im2col + gemm and ND4J's conv2d ops, give the same outputs,
 * parameter gradients and input gradients on the same data (both are also checked against
 * finite differences in {@link GradientCheckTest}); a forward-only im2col (wide rows at stride
 * 1, large products on oneDNN's matmul) gives the same outputs.
 */
class ConvEquivalenceTest {

    private static final int BATCH = 3;

    @Test
    void im2colMatchesNd4jConvolution() {
        compare(new LayerSpec.Conv2D(4, 5, 1, Padding.VALID, Activation.RELU), 1, 12);
        compare(new LayerSpec.Conv2D(3, 3, 2, Padding.SAME, Activation.TANH), 3, 9);
        compare(new LayerSpec.Conv2D(2, 3, 1, Padding.SAME, Activation.LINEAR), 2, 7);
        compare(new LayerSpec.Conv2D(3, 2, 2, Padding.SAME, Activation.SIGMOID), 6, 8);
        compare(new LayerSpec.Conv2D(5, 4, 3, Padding.VALID, Activation.RELU), 2, 11);
        // stride 1 with pads only after (an even kernel), and a product of over 2^20 MACs
        compare(new LayerSpec.Conv2D(3, 2, 1, Padding.SAME, Activation.RELU), 2, 6);
        compare(new LayerSpec.Conv2D(16, 3, 1, Padding.SAME, Activation.RELU), 32, 10);
    }

    /**
     * A forward-only network at batch 1 runs its convolutions as im2col + gemm, a training one
     * through oneDNN (beyond 4 input channels): the same outputs either way.
     */
    @Test
    void inferenceAtBatchOneMatchesTheTrainingPath() {
        inferenceMatchesTheTrainingPath(1);
    }

    /**
     * At batch 32 a forward-only network runs its small convolutions and pools on one OpenMP
     * thread and pools through oneDNN: the same outputs as the training path, and the calling
     * thread's OpenMP thread count is put back.
     */
    @Test
    void inferenceAtBatch32MatchesTheTrainingPathAndLeavesTheThreadCount() {
        Engine.init();
        int threads = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        inferenceMatchesTheTrainingPath(32);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads())
                .isEqualTo(threads);
    }

    private static void inferenceMatchesTheTrainingPath(int batch) {
        Model model = mcs.runtime.model.ReferenceModels.lenet5(7);
        float[] x = Outputs.randomInputs(model, batch, 11);
        float[] a = Outputs.logits(new Network(model, batch, false, 0), x);
        float[] e = Outputs.logits(new Network(model, batch, true, 0), x);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("logit %d", i).isCloseTo(e[i], offset(1e-4f * (1 + Math.abs(e[i]))));
        }
    }

    private static void compare(LayerSpec.Conv2D spec, int channels, int size) {
        Model model = Model.sequential("conv", Shape.image(channels, size, size),
                List.of(spec, new LayerSpec.Flatten(), new LayerSpec.Dense(2, Activation.LINEAR)),
                5);
        Layer layer = model.layers().get(0);
        ParamStore ps = new ParamStore(model);
        Random r = new Random(channels * 100L + size);
        INDArray in = Exec.buffer(BATCH, layer.input());
        fill(in, r);
        Exec nd4j = new ConvExec(layer, spec, in, BATCH, ps, true, spec.activation());
        Exec im2col = new Im2colConvExec(layer, spec, in, BATCH, ps, true, spec.activation());
        INDArray gradOut = Exec.buffer(BATCH, layer.output());
        fill(gradOut, r);
        nd4j.wireBackward(gradOut.dup());
        im2col.wireBackward(gradOut.dup());
        nd4j.forward(true);
        im2col.forward(true);
        assertClose(im2col.out, nd4j.out, "output of " + spec);
        Exec forwardOnly = new Im2colConvExec(layer, spec, in, BATCH, ps, false,
                spec.activation(), true);
        forwardOnly.forward(false);
        assertClose(forwardOnly.out, nd4j.out, "forward-only output of " + spec);
        nd4j.backward();
        float[] expected = ps.grads.dup().data().asFloat();
        ps.grads.assign(0);
        im2col.backward();
        float[] actual = ps.grads.dup().data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("gradient %d of %s", i, spec)
                    .isCloseTo(expected[i], offset(1e-4f * (1 + Math.abs(expected[i]))));
        }
        assertClose(im2col.dIn, nd4j.dIn, "input gradient of " + spec);
    }

    private static void fill(INDArray a, Random r) {
        for (int i = 0; i < a.length(); i++) {
            a.data().put(i, (float) r.nextGaussian());
        }
    }

    private static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        float[] a = actual.data().asFloat(), e = expected.data().asFloat();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("%s [%d]", what, i)
                    .isCloseTo(e[i], offset(1e-4f * (1 + Math.abs(e[i]))));
        }
    }
}
