package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.util.Random;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;
import org.junit.jupiter.api.Test;

/** The in-place fake quantisation of training is exactly the tensor's own rule. */
class GridWeightsTest {

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static void sameAsWithValues(Tensor t) {
        float[] master = gaussian(t.size(), 7);
        for (int i = 0; i < master.length; i += 5) {
            master[i] *= 3f; // outside the tensor's current range: scales must be refitted
        }
        FloatBuffer p = FloatBuffer.allocate(t.size() + 3);
        p.put(3, master);
        GridWeights g = new GridWeights(t, 3);
        g.toGrid(p);
        float[] forward = new float[t.size()];
        p.get(3, forward);
        assertThat(forward).isEqualTo(t.withValues(master).values());
        g.restore(p);
        float[] back = new float[t.size()];
        p.get(3, back);
        assertThat(back).isEqualTo(master);
    }

    @Test
    void perChannelInt8WithAMask() {
        int[] shape = {12, 7, 3, 3};
        Tensor t = Tensor.of("conv1.kernel", TensorRole.KERNEL, shape, gaussian(756, 1));
        boolean[] mask = new boolean[756];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 4 != 0;
        }
        t = t.withMask(mask);
        sameAsWithValues(t.withQuant(WeightQuantizer.int8PerChannel(t.values(), shape, 0)));
    }

    @Test
    void denseKernelsPerOutputColumnAndPerTensorUint8() {
        int[] shape = {40, 9};
        Tensor t = Tensor.of("dense1.kernel", TensorRole.KERNEL, shape, gaussian(360, 2));
        sameAsWithValues(t.withQuant(WeightQuantizer.int8PerChannel(t.values(), shape, 1)));
        QuantSpec u8 = WeightQuantizer.perTensor(t.values(), 8, false, false);
        sameAsWithValues(t.withQuant(u8));
        sameAsWithValues(t.withQuant(WeightQuantizer.perTensor(t.values(), 4, true, true)));
    }
}
