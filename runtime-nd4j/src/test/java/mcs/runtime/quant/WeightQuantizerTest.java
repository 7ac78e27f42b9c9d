package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class WeightQuantizerTest {

    private static float[] gaussian(int n, long seed) {
        return TestData.gaussian(n, seed, 0.1);
    }

    @Test
    void convKernelsGetMaxAbsOver127PerOutputChannel() {
        int[] shape = {3, 2, 2, 2};
        float[] w = gaussian(24, 1);
        for (int i = 8; i < 16; i++) {
            w[i] = 0f; // channel 1 is all zeros
        }
        QuantSpec s = WeightQuantizer.int8PerChannel(w, shape, 0);
        for (int c = 0; c < 3; c++) {
            float maxAbs = 0;
            for (int i = c * 8; i < c * 8 + 8; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[i]));
            }
            float expected = c == 1 ? 1f : maxAbs / 127f;
            assertThat(s.scale(c)).isEqualTo(expected);
            assertThat(s.zeroPoint(c)).isZero();
        }
        int[] q = Quantizer.quantize(w, shape, s);
        float[] back = Quantizer.dequantize(q, shape, s);
        for (int i = 0; i < w.length; i++) {
            assertThat(q[i]).isBetween(-127, 127);
            assertThat(Float.isNaN(back[i])).isFalse();
            assertThat(Math.abs(back[i] - w[i])).isLessThanOrEqualTo(s.scale(i / 8) * 0.5001f);
        }
        for (int i = 8; i < 16; i++) {
            assertThat(back[i]).isZero();
        }
    }

    @Test
    void theLargestWeightOfAChannelMapsTo127() {
        float[] w = {0.2f, -0.8f, 0.1f, 0.4f, -0.3f, 0.05f};
        QuantSpec s = WeightQuantizer.int8PerChannel(w, new int[] {2, 3}, 0);
        int[] q = Quantizer.quantize(w, new int[] {2, 3}, s);
        assertThat(q[1]).isEqualTo(-127);
        assertThat(q[3]).isEqualTo(127);
    }

    @Test
    void denseKernelsUseTheLastAxis() {
        int in = 5, out = 3;
        float[] w = gaussian(in * out, 2);
        QuantSpec s = WeightQuantizer.int8PerChannel(w, new int[] {in, out}, 1);
        assertThat(s.axis()).isEqualTo(1);
        for (int o = 0; o < out; o++) {
            float maxAbs = 0;
            for (int i = 0; i < in; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[i * out + o]));
            }
            assertThat(s.scale(o)).isEqualTo(maxAbs / 127f);
        }
    }

    @Test
    void perTensorVariants() {
        float[] w = {-0.5f, 0.1f, 1.5f, 0.7f};
        QuantSpec int8 = WeightQuantizer.perTensor(w, 8, true, true);
        assertThat(int8.scale(0)).isEqualTo(1.5f / 127f);
        QuantSpec uint8 = WeightQuantizer.perTensor(w, 8, false, false);
        assertThat(uint8.scale(0)).isEqualTo(2f / 255f);
        assertThat(uint8.zeroPoint(0)).isEqualTo((int) Math.rint(0.5f / (2f / 255f)));
        QuantSpec int4 = WeightQuantizer.perTensor(w, 4, true, true);
        assertThat(int4.scale(0)).isEqualTo(1.5f / 7f);
        assertThat(Quantizer.quantize(w, int4)).containsExactly(-2, 0, 7, 3);
        QuantSpec uint4 = WeightQuantizer.perTensor(w, 4, false, false);
        assertThat(uint4.scale(0)).isEqualTo(2f / 15f);
        assertThat(uint4.zeroPoint(0)).isEqualTo(4); // round(0.5 / (2 / 15)) = round(3.75)
        assertThat(Quantizer.quantize(w, uint4)).containsExactly(0, 5, 15, 9);
        // a positive-only tensor: the range is widened to [0, max], so 0 is exact at q = 0
        QuantSpec pos = WeightQuantizer.perTensor(new float[] {0.5f, 2f}, 8, false, false);
        assertThat(pos.scale(0)).isEqualTo(2f / 255f);
        assertThat(pos.zeroPoint(0)).isZero();
    }

    @Test
    void rejectsNonFiniteWeights() {
        assertThatThrownBy(() -> WeightQuantizer.perTensor(new float[] {1f, Float.NaN}, 8, true,
                true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("weight 1 is NaN");
        assertThatThrownBy(() -> WeightQuantizer.int8PerChannel(new float[4], new int[] {2, 2},
                2)).isInstanceOf(InvalidInputException.class)
                .hasMessage("quantize: axis 2 is out of range for a tensor of rank 2");
    }
}
