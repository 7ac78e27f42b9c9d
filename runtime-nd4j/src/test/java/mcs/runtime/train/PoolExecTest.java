package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2x2 max pooling with stride 2 (its own fast loop) against the definition: each output is the
 * largest of its window, the gradient goes to the first largest input, inputs beyond the last
 * whole window are dropped.
 */
class PoolExecTest {

    @Test
    void twoByTwoMaxPoolIsTheMaximumOfEachWindowAndRoutesGradientsToItsFirstWinner() {
        check(7, 9); // a last row and column no window covers
        check(8, 6); // windows tiling the planes exactly
    }

    private static void check(int h, int w) {
        int batch = 2, channels = 3;
        Model model = Model.sequential("pool", Shape.image(channels, h, w), List.of(
                new LayerSpec.Pool(true, 2, 2), new LayerSpec.Flatten(),
                new LayerSpec.Dense(2, Activation.LINEAR)), 1);
        Layer layer = model.layers().get(0);
        INDArray in = Exec.buffer(batch, layer.input());
        Random r = new Random(3);
        for (int i = 0; i < in.length(); i++) {
            in.data().put(i, r.nextInt(4)); // few distinct values: many ties
        }
        Exec pool = new PoolExec(layer, (LayerSpec.Pool) layer.spec(), in, batch, true);
        INDArray gradOut = Exec.buffer(batch, layer.output());
        for (int i = 0; i < gradOut.length(); i++) {
            gradOut.data().put(i, i + 1);
        }
        pool.wireBackward(gradOut);
        pool.forward(true);
        pool.backward();

        float[] x = in.data().asFloat(), y = pool.out.data().asFloat();
        float[] expectedDIn = new float[x.length];
        int ho = h / 2, wo = w / 2, o = 0;
        for (int plane = 0; plane < batch * channels; plane++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++, o++) {
                    int best = -1;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int i = plane * h * w + (2 * oy + dy) * w + 2 * ox + dx;
                            if (best < 0 || x[i] > x[best]) {
                                best = i;
                            }
                        }
                    }
                    assertThat(y[o]).as("output %d of %dx%d", o, h, w).isEqualTo(x[best]);
                    expectedDIn[best] += o + 1;
                }
            }
        }
        assertThat(o).isEqualTo(y.length);
        assertThat(pool.dIn.data().asFloat()).isEqualTo(expectedDIn);
    }

    @Test
    void inferenceThroughOneDnnGivesTheJavaLoopsOutputs() {
        for (int[] hw : new int[][] {{9, 7}, {8, 8}}) {
            int batch = 160, channels = 8, h = hw[0], w = hw[1];
            Model model = Model.sequential("pool", Shape.image(channels, h, w), List.of(
                    new LayerSpec.Pool(true, 2, 2), new LayerSpec.Flatten(),
                    new LayerSpec.Dense(2, Activation.LINEAR)), 1);
            Layer layer = model.layers().get(0);
            INDArray in = Exec.buffer(batch, layer.input());
            assertThat(in.length()).isGreaterThanOrEqualTo(PoolExec.MIN_ONEDNN_VALUES);
            Random r = new Random(5);
            for (int i = 0; i < in.length(); i++) {
                in.data().put(i, r.nextInt(7) - 3.5f * r.nextFloat());
            }
            LayerSpec.Pool spec = (LayerSpec.Pool) layer.spec();
            Exec java = new PoolExec(layer, spec, in, batch, false);
            Exec onednn = new PoolExec(layer, spec, in, batch, false,
                    new InferencePlan.Step(false, false, Activation.LINEAR, false));
            java.forward(false);
            onednn.forward(false);
            assertThat(onednn.out.data().asFloat()).as("%dx%d", h, w)
                    .isEqualTo(java.out.data().asFloat());
        }
    }
}
