package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantizerTest {

    @Test
    void onnxQuantizeLinearExample() {
        // onnx/backend/test/case/node/quantizelinear.py, test_quantizelinear
        float[] x = {0, 2, 3, 1000, -254, -1000};
        QuantSpec uint8 = new QuantSpec(8, false, false, -1, new float[] {2}, new int[] {128});
        assertThat(Quantizer.quantize(x, uint8)).containsExactly(128, 129, 130, 255, 1, 0);
    }

    @Test
    void onnxQuantizeLinearAxisExample() {
        // test_quantizelinear_axis: x [1, 3, 3, 2], per channel on axis 1
        float[] x = {-162, 10, -100, 232, -20, -50, -76, 0, 0, 252, 32, -44, 245, -485, -960,
            -270, -375, -470};
        QuantSpec spec = new QuantSpec(8, false, false, 1, new float[] {2, 4, 5},
                new int[] {84, 24, 196});
        int[] expected = {3, 89, 34, 200, 74, 59, 5, 24, 24, 87, 32, 13, 245, 99, 4, 142, 121,
            102};
        int[] q = Quantizer.quantize(x, new int[] {1, 3, 3, 2}, spec);
        assertThat(q).containsExactly(expected);
        // test_dequantizelinear_axis is the inverse of these values
        assertThat(Quantizer.dequantize(q, new int[] {1, 3, 3, 2}, spec)).containsExactly(x);
    }

    @Test
    void onnxQuantizeLinearInt4Example() {
        // test_quantizelinear_int4: x [3, 4], axis 0, scales 2 3 4, zero points 1, int4 [-8, 7]
        float[] x = {0f, 2.5f, 4.8f, 8.6f, -30, -20, 6, 9, 12, 15, 16, 40};
        QuantSpec int4 = new QuantSpec(4, true, false, 0, new float[] {2, 3, 4},
                new int[] {1, 1, 1});
        assertThat(Quantizer.quantize(x, new int[] {3, 4}, int4))
                .containsExactly(1, 2, 3, 5, -8, -6, 3, 4, 4, 5, 5, 7);
    }

    @Test
    void onnxDequantizeLinearExample() {
        // test_dequantizelinear: uint8 [0, 3, 128, 255], scale 2, zero point 128
        QuantSpec uint8 = new QuantSpec(8, false, false, -1, new float[] {2}, new int[] {128});
        assertThat(Quantizer.dequantize(new int[] {0, 3, 128, 255}, uint8))
                .containsExactly(-256f, -250f, 0f, 254f);
    }

    @Test
    void roundsHalfToEven() {
        float[] x = {0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -1.5f, -2.5f, 2.4999998f, 2.5000002f};
        int[] expected = {0, 2, 2, 4, 0, -2, -2, 2, 3};
        for (int i = 0; i < x.length; i++) {
            assertThat(Quantizer.quantize(x[i], 1f, 0, -128, 127)).as("x=%s", x[i])
                    .isEqualTo(expected[i]);
        }
    }

    @Test
    void dividesInFloatAsTheOnnxReference() {
        // numpy: np.float32(0.05) / np.float32(0.02) == 2.5 in float32 (2.50000009 in double)
        // and np.rint(2.5) == 2, where a double division would give 3; likewise
        // np.float32(0.21) / np.float32(0.14) == 1.5 (1.49999995 in double): 2, not 1
        assertThat(0.05f / 0.02f).isEqualTo(2.5f);
        assertThat(Quantizer.quantize(0.05f, 0.02f, 0, -128, 127)).isEqualTo(2);
        assertThat(0.21f / 0.14f).isEqualTo(1.5f);
        assertThat(Quantizer.quantize(0.21f, 0.14f, 0, -128, 127)).isEqualTo(2);
    }

    @Test
    void saturatesToTheIntegerRange() {
        assertThat(Quantizer.quantize(1e9f, 0.1f, 0, -128, 127)).isEqualTo(127);
        assertThat(Quantizer.quantize(-1e9f, 0.1f, 0, -128, 127)).isEqualTo(-128);
        assertThat(Quantizer.quantize(Float.POSITIVE_INFINITY, 1f, 10, 0, 255)).isEqualTo(255);
        assertThat(Quantizer.quantize(Float.NEGATIVE_INFINITY, 1f, 10, 0, 255)).isEqualTo(0);
        assertThat(Quantizer.quantize(Float.NaN, 1f, 10, 0, 255)).isEqualTo(10);
        assertThat(Quantizer.quantize(127.4f, 1f, 0, -127, 127)).isEqualTo(127);
        assertThat(Quantizer.quantize(-128f, 1f, 0, -127, 127)).isEqualTo(-127);
    }

    @Test
    void roundTripErrorIsAtMostHalfAStep() {
        java.util.Random r = new java.util.Random(3);
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        QuantSpec spec = WeightQuantizer.perTensor(x, 8, false, false);
        float[] back = Quantizer.dequantize(Quantizer.quantize(x, spec), spec);
        for (int i = 0; i < x.length; i++) {
            assertThat(Math.abs(back[i] - x[i])).isLessThanOrEqualTo(spec.scale(0) * 0.5001f);
        }
    }

    @Test
    void biasIsInt32WithTheProductScale() {
        float[] bias = {0.5f, -1.25f, 100f};
        float[] weightScales = {0.02f, 0.05f, 0.001f};
        assertThat(Quantizer.biasScales(0.1f, weightScales, 3))
                .containsExactly(0.1f * 0.02f, 0.1f * 0.05f, 0.1f * 0.001f);
        int[] q = Quantizer.quantizeBias(bias, 0.1f, weightScales);
        assertThat(q).containsExactly(250, -250, 1_000_000);
        float[] back = Quantizer.dequantizeBias(q, 0.1f, weightScales);
        for (int c = 0; c < 3; c++) {
            assertThat(Math.abs(back[c] - bias[c])).isLessThan(1e-4f);
        }
        // per-tensor weights: one scale for every channel; saturation at the int32 limits
        assertThat(Quantizer.quantizeBias(new float[] {1e30f, -1e30f, 0.3f}, 0.5f,
                new float[] {0.2f})).containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE, 3);
    }
}
