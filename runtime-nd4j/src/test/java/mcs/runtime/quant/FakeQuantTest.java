package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FakeQuantTest {

    @Test
    void isQuantizeThenDequantize() {
        Random r = new Random(1);
        float[] x = new float[500];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * r.nextGaussian());
        }
        QuantSpec s = QuantSpec.fromRange(8, false, false, -3f, 3f);
        float[] expected = Quantizer.dequantize(Quantizer.quantize(x, s), s);
        FakeQuant.apply(x, s);
        assertThat(x).containsExactly(expected);
    }

    @Test
    void straightThroughEstimatorPassesOnlyRepresentableValues() {
        // int8 symmetric, scale 0.1: representable when round(x / 0.1) is in [-127, 127]
        QuantSpec s = new QuantSpec(8, true, true, -1, new float[] {0.1f}, new int[] {0});
        float[] x = {0f, 1f, -12.7f, 12.74f, 12.76f, -12.76f, 100f};
        boolean[] pass = new boolean[x.length];
        FakeQuant.apply(x, null, s, pass);
        assertThat(pass).containsExactly(true, true, true, true, false, false, false);
        assertThat(x[6]).isEqualTo(127 * 0.1f);
        float[] grad = {1f, 2f, 3f, 4f, 5f, 6f, 7f};
        FakeQuant.maskGradient(grad, pass);
        assertThat(grad).containsExactly(1f, 2f, 3f, 4f, 0f, 0f, 0f);
    }

    @Test
    void perChannelUsesEachChannelsScale() {
        float[] x = {0.26f, 0.26f, 0.26f, 0.26f};
        QuantSpec s = new QuantSpec(8, true, true, 1, new float[] {0.1f, 0.25f},
                new int[] {0, 0});
        FakeQuant.apply(x, new int[] {2, 2}, s, null);
        assertThat(x).containsExactly(3 * 0.1f, 0.25f, 3 * 0.1f, 0.25f);
    }
}
