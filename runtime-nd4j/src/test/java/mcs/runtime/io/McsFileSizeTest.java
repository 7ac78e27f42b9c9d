package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Sizes of Deep-Compression-style models (95% pruned, 16 clusters with a reserved zero, int8
 * centroids) against Deep Compression's ratios: LeNet-5 39x, LeNet-300-100 40x of dense fp32,
 * i.e. 1,724,320 / 39 and 1,066,440 / 40 bytes. Headers, biases and codebooks are included.
 */
class McsFileSizeTest {

    @Test
    void lenet5AtNinetyFivePercentBeatsDeepCompression() {
        Model m = CompressedModels.deepCompressed(ReferenceModels.lenet5(1), 0.95, 16, 7);
        long bytes = measure("lenet5", m);
        assertThat(m.paramCount()).isEqualTo(431_080);
        assertThat(bytes).isLessThan(1_724_320 / 50);
    }

    @Test
    void lenet300AtNinetyFivePercentBeatsDeepCompression() {
        Model m = CompressedModels.deepCompressed(ReferenceModels.lenet300(1), 0.95, 16, 7);
        long bytes = measure("lenet300", m);
        assertThat(m.paramCount()).isEqualTo(266_610);
        assertThat(bytes).isLessThan(1_066_440 / 50);
    }

    private static long measure(String name, Model m) {
        long t0 = System.nanoTime();
        byte[] data = McsFile.encode(m);
        long t1 = System.nanoTime();
        Model back = McsFile.decode(data, name);
        long t2 = System.nanoTime();
        for (Tensor t : m.tensors()) {
            assertThat(TensorCodec.sameState(t, back.tensor(t.name()))).as(t.name()).isTrue();
        }
        long kept = CompressedModels.keptKernelWeights(m);
        long biasBytes = 0;
        for (Tensor t : m.tensors()) {
            if (t.role() != mcs.runtime.model.TensorRole.KERNEL) {
                biasBytes += TensorCodec.encode(t).length;
            }
        }
        double bitsPerKept = 8.0 * (data.length - biasBytes) / kept;
        System.out.printf(Locale.ROOT, "%s: %,d params, %,d kept kernel weights -> %,d bytes "
                        + "(%.1fx of dense fp32; %,d bytes of biases; %.2f bits per kept weight "
                        + "without biases; encode %d ms, decode %d ms)%n", name, m.paramCount(),
                kept, data.length, 4.0 * m.paramCount() / data.length, biasBytes, bitsPerKept,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        return data.length;
    }
}
