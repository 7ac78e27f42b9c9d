package mcs.runtime.keras;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import mcs.runtime.train.Evaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers the fixtures do not use (DepthwiseConv2D with a multiplier, a strided same Conv2D
 * without bias, same-padded average pooling, Concatenate, an identity skip, BatchNormalization
 * without centre and scale), in a functional model with random weights written to HDF5, against
 * a direct channels-last evaluation of the Keras definitions.
 */
class KerasLayersTest {

    @TempDir
    Path tmp;

    private static final String CONFIG = """
            {"class_name": "Model", "keras_version": "2.2.4", "config": {"name": "mix",
             "layers": [
              {"class_name": "InputLayer", "name": "in", "inbound_nodes": [],
               "config": {"name": "in", "batch_input_shape": [null, 6, 6, 2]}},
              {"class_name": "DepthwiseConv2D", "name": "dw", "inbound_nodes": [[["in", 0, 0, {}]]],
               "config": {"name": "dw", "kernel_size": [3, 3], "strides": [1, 1],
                "padding": "same", "depth_multiplier": 2, "activation": "relu",
                "use_bias": true}},
              {"class_name": "Conv2D", "name": "conv", "inbound_nodes": [[["dw", 0, 0, {}]]],
               "config": {"name": "conv", "filters": 3, "kernel_size": [3, 3],
                "strides": [2, 2], "padding": "same", "use_bias": false, "activation": "linear"}},
              {"class_name": "AveragePooling2D", "name": "avg", "inbound_nodes": [[["dw", 0, 0, {}]]],
               "config": {"name": "avg", "pool_size": [3, 3], "strides": [2, 2],
                "padding": "same"}},
              {"class_name": "Concatenate", "name": "cat", "config": {"name": "cat", "axis": -1},
               "inbound_nodes": [[["conv", 0, 0, {}], ["avg", 0, 0, {}]]]},
              {"class_name": "BatchNormalization", "name": "bn", "inbound_nodes": [[["cat", 0, 0, {}]]],
               "config": {"name": "bn", "axis": -1, "epsilon": 0.01, "center": false,
                "scale": false}},
              {"class_name": "Activation", "name": "th", "inbound_nodes": [[["bn", 0, 0, {}]]],
               "config": {"name": "th", "activation": "tanh"}},
              {"class_name": "Add", "name": "add", "config": {"name": "add"},
               "inbound_nodes": [[["bn", 0, 0, {}], ["th", 0, 0, {}]]]},
              {"class_name": "Flatten", "name": "flat", "inbound_nodes": [[["add", 0, 0, {}]]],
               "config": {"name": "flat"}},
              {"class_name": "Dense", "name": "out", "inbound_nodes": [[["flat", 0, 0, {}]]],
               "config": {"name": "out", "units": 5, "activation": "softmax"}}],
             "input_layers": [["in", 0, 0]], "output_layers": [["out", 0, 0]]}}""";

    @Test
    void mixedFunctionalModelComputesWhatKerasDefines() throws IOException {
        Random r = new Random(7);
        float[] dwK = random(r, 3 * 3 * 2 * 2), dwB = random(r, 4), convK = random(r, 3 * 3 * 4 * 3);
        float[] mean = random(r, 7), var = new float[7], denseK = random(r, 63 * 5);
        float[] denseB = random(r, 5);
        for (int i = 0; i < 7; i++) {
            var[i] = 0.5f + r.nextFloat();
        }
        Path json = tmp.resolve("mix.json");
        Files.writeString(json, CONFIG);
        Path h5 = tmp.resolve("mix_weights.h5");
        try (WritableHdfFile f = HdfFile.write(h5)) {
            f.putAttribute("layer_names", new String[] {"dw", "conv", "bn", "out"});
            layer(f, "dw", new String[] {"depthwise_kernel:0", "bias:0"},
                    new Object[] {nest4(dwK, 3, 3, 2, 2), dwB});
            layer(f, "conv", new String[] {"kernel:0"}, new Object[] {nest4(convK, 3, 3, 4, 3)});
            layer(f, "bn", new String[] {"moving_mean:0", "moving_variance:0"},
                    new Object[] {mean, var});
            layer(f, "out", new String[] {"kernel:0", "bias:0"},
                    new Object[] {nest2(denseK, 63, 5), denseB});
        }
        Model m = KerasImport.load(json);
        assertThat(m.input()).isEqualTo(Shape.image(2, 6, 6));
        assertThat(m.specs()).hasAtLeastOneElementOfType(LayerSpec.Branch.class)
                .hasAtLeastOneElementOfType(LayerSpec.Residual.class);

        float[] x = random(r, 6 * 6 * 2);
        float[] d = Nhwc.depthwise(x, 6, 6, 2, dwK, 3, 2, dwB);
        Nhwc.relu(d);
        float[] a = Nhwc.conv(d, 6, 6, 4, convK, 3, 3, 2);
        float[] p = Nhwc.avgPoolSame(d, 6, 6, 4, 3, 2);
        float[] c = Nhwc.concat(a, 3, p, 4, 9);
        for (int i = 0; i < c.length; i++) {
            int ch = i % 7;
            float n = (float) ((c[i] - mean[ch]) / Math.sqrt(var[ch] + 0.01));
            c[i] = n + (float) Math.tanh(n);
        }
        float[] want = Nhwc.softmax(Nhwc.dense(c, denseK, denseB, 5));
        float[] got = Evaluator.predict(m, Nhwc.toChannelsFirst(x, 6, 6, 2), 1);
        for (int i = 0; i < 5; i++) {
            assertThat((double) got[i]).as("output %d", i).isCloseTo(want[i],
                    org.assertj.core.data.Offset.offset(1e-5 + 1e-4 * Math.abs(want[i])));
        }
    }

    private static void layer(WritableHdfFile f, String name, String[] weights, Object[] data) {
        WritableGroup g = f.putGroup(name);
        String[] full = new String[weights.length];
        WritableGroup inner = g.putGroup(name);
        for (int i = 0; i < weights.length; i++) {
            full[i] = name + "/" + weights[i];
            inner.putDataset(weights[i], data[i]);
        }
        g.putAttribute("weight_names", full);
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * 0.5f;
        }
        return v;
    }

    private static float[][] nest2(float[] v, int a, int b) {
        float[][] r = new float[a][b];
        for (int i = 0; i < a; i++) {
            System.arraycopy(v, i * b, r[i], 0, b);
        }
        return r;
    }

    private static float[][][][] nest4(float[] v, int a, int b, int c, int d) {
        float[][][][] r = new float[a][b][c][d];
        int k = 0;
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                for (int l = 0; l < c; l++) {
                    for (int n = 0; n < d; n++) {
                        r[i][j][l][n] = v[k++];
                    }
                }
            }
        }
        return r;
    }
}
