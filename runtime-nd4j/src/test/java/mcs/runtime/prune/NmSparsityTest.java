package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;
import org.junit.jupiter.api.Test;

/** N:M masks against a brute-force reference, and N:M pruning of models. */
class NmSparsityTest {

    /** Brute force on a Dense kernel [in, out]: per column, per group of m rows, keep n. */
    private static boolean[] referenceDense(float[] w, int in, int out, int n, int m) {
        boolean[] mask = new boolean[w.length];
        for (int j = 0; j < out; j++) {
            for (int g = 0; g < in; g += m) {
                keepSorted(w, mask, rows(g, m, j, out), n);
            }
        }
        return mask;
    }

    /** Brute force on a Conv kernel [o, c, k, k]: per (o, y, x), per group of m channels. */
    private static boolean[] referenceConv(float[] w, int[] s, int n, int m) {
        boolean[] mask = new boolean[w.length];
        for (int o = 0; o < s[0]; o++) {
            for (int y = 0; y < s[2]; y++) {
                for (int x = 0; x < s[3]; x++) {
                    for (int g = 0; g < s[1]; g += m) {
                        List<Integer> idx = new ArrayList<>();
                        for (int c = g; c < g + m; c++) {
                            idx.add(((o * s[1] + c) * s[2] + y) * s[3] + x);
                        }
                        keepSorted(w, mask, idx, n);
                    }
                }
            }
        }
        return mask;
    }

    private static List<Integer> rows(int g, int m, int j, int out) {
        List<Integer> idx = new ArrayList<>();
        for (int i = g; i < g + m; i++) {
            idx.add(i * out + j);
        }
        return idx;
    }

    private static void keepSorted(float[] w, boolean[] mask, List<Integer> idx, int n) {
        List<Integer> sorted = new ArrayList<>(idx);
        sorted.sort(Comparator.comparing((Integer i) -> -Math.abs(w[i])).thenComparing(i -> i));
        for (int k = 0; k < n; k++) {
            mask[sorted.get(k)] = true;
        }
    }

    private static float[] random(Random r, int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (r.nextInt(7) - 3) * 0.5f; // few levels: ties
        }
        return w;
    }

    @Test
    void denseAndConvMasksMatchTheBruteForceReference() {
        Random r = new Random(11);
        int[][] nms = {{2, 4}, {1, 4}, {1, 2}, {3, 8}};
        for (int trial = 0; trial < 100; trial++) {
            int[] nm = nms[trial % nms.length];
            NmSparsity rule = new NmSparsity(nm[0], nm[1]);
            int in = nm[1] * (1 + r.nextInt(3));
            int out = 1 + r.nextInt(5);
            float[] w = random(r, in * out);
            assertThat(rule.mask(w, new int[] {in, out}))
                    .containsExactly(referenceDense(w, in, out, nm[0], nm[1]));
            int[] s = {1 + r.nextInt(3), in, 1 + r.nextInt(3), 1 + r.nextInt(3)};
            float[] cw = random(r, s[0] * s[1] * s[2] * s[3]);
            assertThat(rule.mask(cw, s)).containsExactly(referenceConv(cw, s, nm[0], nm[1]));
        }
    }

    @Test
    void badNmIsRefused() {
        assertThatThrownBy(() -> new NmSparsity(4, 4)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 <= N < M");
        assertThatThrownBy(() -> new NmSparsity(0, 1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void lenet5LeavesTheOneChannelConvAsIsAndRefusesItWhenNamed() {
        Model base = ReferenceModels.lenet5(0);
        Model m = Pruning.pruneNm(base, new NmSparsity(2, 4), Selection.ALL);
        assertThat(m.tensor("conv1.kernel").hasMask()).isFalse();
        for (String t : List.of("conv2.kernel", "dense1.kernel", "dense2.kernel")) {
            assertThat(m.tensor(t).nonzeros()).as(t).isEqualTo(m.tensor(t).size() / 2);
        }
        assertThat(m.history()).last().asString().contains("2:4").contains("left as is: conv1");
        assertThat(base.tensor("conv2.kernel").hasMask()).isFalse();
        assertThatThrownBy(() -> Pruning.pruneNm(base, new NmSparsity(2, 4),
                new Selection(List.of("conv1"), List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("conv1's input dimension (1) is not a multiple of 4");
    }

    @Test
    void fineTuningKeepsTheNmPattern() {
        Model base = PruneTestModels.randomised(Model.sequential("c", Shape.image(4, 6, 6),
                List.of(new LayerSpec.Conv2D(8, 3, 1, Padding.VALID, Activation.RELU),
                        new LayerSpec.Flatten(),
                        new LayerSpec.Dense(4, Activation.LINEAR)), 0), 1);
        Model nm = Pruning.pruneNm(base, new NmSparsity(2, 4), Selection.ALL);
        Model tuned = Trainer.fit(nm, PruneTestModels.data(base.input(), 128, 4, 2),
                new TrainConfig(1, 32, 1e-2, Optimizer.ADAM, 0), "finetune", s -> { },
                Cancellation.NEVER);
        NmSparsity rule = new NmSparsity(2, 4);
        for (String name : List.of("conv1.kernel", "dense1.kernel")) {
            Tensor t = tuned.tensor(name);
            assertThat(t.mask()).containsExactly(nm.tensor(name).mask());
            assertThat(t.values()).isNotEqualTo(nm.tensor(name).values());
            // still N:M: the mask of the tuned weights keeps every non-zero
            boolean[] again = rule.mask(t.values(), t.shape());
            float[] v = t.values();
            for (int i = 0; i < v.length; i++) {
                if (v[i] != 0) {
                    assertThat(again[i]).isTrue();
                }
            }
        }
    }
}
