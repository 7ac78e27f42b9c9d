package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import mcs.runtime.model.Activation;
import org.junit.jupiter.api.Test;

/**
 * The element-wise passes, done a chunk at a time and split over the cores when large, give
 * exactly the values of their one-value definitions ({@link Kernels#activate},
 * {@link Kernels#derivative}), across chunk boundaries, rows and parts.
 */
class KernelsTest {

    private static final Activation[] ELEMENT_WISE = {Activation.LINEAR, Activation.RELU,
        Activation.TANH, Activation.SIGMOID, Activation.RELU6, Activation.HARD_SIGMOID};

    @Test
    void biasAndActivationMatchTheirDefinitionPerValue() {
        // 3 rows of 2 channels of 50,001 values: chunks end inside planes, the pass is split
        int rows = 3, channels = 2, plane = 50_001, n = rows * channels * plane;
        assertThat((long) n).isGreaterThanOrEqualTo(Kernels.MIN_PARALLEL_PASS);
        FloatBuffer bias = buffer(new float[] {0.25f, -1.5f});
        for (Activation act : ELEMENT_WISE) {
            float[] x = random(n, 1);
            FloatBuffer z = buffer(x);
            Kernels.biasActivate(z, rows, channels, plane, bias, 0, act);
            for (int i = 0; i < n; i++) {
                float b = bias.get(i / plane % channels);
                assertThat(z.get(i)).as("%s at %d", act, i)
                        .isEqualTo(Kernels.activate(x[i] + b, act));
            }
        }
    }

    @Test
    void denseRowsGetTheirBiasPerUnit() {
        int rows = 4, units = 5000; // rows longer than a chunk
        float[] x = random(rows * units, 2), b = random(units, 3);
        FloatBuffer z = buffer(x);
        Kernels.biasActivate(z, rows, units, 1, buffer(b), 0, Activation.RELU);
        for (int i = 0; i < x.length; i++) {
            assertThat(z.get(i)).isEqualTo(Math.max(x[i] + b[i % units], 0f));
        }
    }

    @Test
    void activationBackwardMatchesTheDerivativePerValue() {
        int rows = 6, k = 50_001, n = rows * k;
        for (Activation act : ELEMENT_WISE) {
            float[] y = random(n, 4), d = random(n, 5);
            if (act == Activation.RELU) { // a ReLU's outputs: +0 or positive
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(y[i], 0f);
                }
            }
            FloatBuffer g = buffer(d);
            Kernels.activationBackward(g, buffer(y), n, k, act);
            for (int i = 0; i < n; i++) {
                assertThat(g.get(i)).as("%s at %d", act, i)
                        .isEqualTo(Kernels.derivative(d[i], y[i], act));
            }
        }
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 4);
        }
        return v;
    }

    private static FloatBuffer buffer(float[] v) {
        FloatBuffer b = ByteBuffer.allocateDirect(v.length * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(0, v);
        return b;
    }
}
