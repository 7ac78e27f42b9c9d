package mcs.runtime.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;
import mcs.runtime.model.PruningPlan;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.train.Optimizer;
import mcs.runtime.train.TrainConfig;
import mcs.runtime.train.Trainer;
import org.junit.jupiter.api.Test;

/** One magnitude threshold over several kernels, and choosing kernels by name. */
class GlobalPruningTest {

    /** Brute force: sort every (magnitude, order) pair and keep the first k. */
    private static Map<String, boolean[]> reference(Map<String, float[]> w, double s) {
        record Entry(String name, int pos, int order, float mag) { }
        List<Entry> all = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, float[]> e : w.entrySet()) {
            for (int i = 0; i < e.getValue().length; i++) {
                all.add(new Entry(e.getKey(), i, order++, Math.abs(e.getValue()[i])));
            }
        }
        all.sort(Comparator.comparing((Entry e) -> -e.mag()).thenComparing(Entry::order));
        long k = Math.max((long) Math.rint(all.size() * (1 - s)), 1);
        Map<String, boolean[]> out = new LinkedHashMap<>();
        w.forEach((name, v) -> out.put(name, new boolean[v.length]));
        for (int i = 0; i < k; i++) {
            out.get(all.get(i).name())[all.get(i).pos()] = true;
        }
        return out;
    }

    @Test
    void globalMasksMatchABruteForceSortWithTies() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            Map<String, float[]> w = new LinkedHashMap<>();
            int tensors = 1 + r.nextInt(4);
            for (int t = 0; t < tensors; t++) {
                float[] v = new float[1 + r.nextInt(30)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (r.nextInt(9) - 4) * (t + 1) * 0.25f; // few levels: many ties
                }
                w.put("t" + t, v);
            }
            double s = r.nextInt(20) / 20.0;
            Map<String, boolean[]> got = MagnitudePruner.masks(w, s, PruningPlan.Scope.GLOBAL);
            Map<String, boolean[]> want = reference(w, s);
            assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
            want.forEach((name, m) -> assertThat(got.get(name)).as("%s at %s", name, s)
                    .containsExactly(m));
        }
    }

    @Test
    void halfCountsRoundToEven() {
        Map<String, float[]> w = new LinkedHashMap<>();
        w.put("a", new float[] {1, 2, 3});
        w.put("b", new float[] {4, 5, 6, 7});
        // 7 * 0.5 = 3.5 rounds to the even 4: the four largest, all in b
        Map<String, boolean[]> m = MagnitudePruner.masks(w, 0.5, PruningPlan.Scope.GLOBAL);
        assertThat(m.get("a")).containsExactly(false, false, false);
        assertThat(m.get("b")).containsExactly(true, true, true, true);
    }

    @Test
    void globalPruningOfAModelKeepsExactlyKOverAllKernelsAndIsPure() {
        Model base = ReferenceModels.lenet300(1);
        float[] before = base.tensor("dense1.kernel").values();
        Model g = Pruning.prune(base, new ConstantSparsity(0.9, 0, -1, 100),
                PruningPlan.Scope.GLOBAL, Selection.ALL);
        long kernels = 0, nonzero = 0;
        for (Tensor t : g.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                kernels += t.size();
                nonzero += t.nonzeros();
            }
        }
        assertThat(kernels).isEqualTo(784 * 300 + 300 * 100 + 100 * 10);
        assertThat(nonzero).isEqualTo(MagnitudePruner.keptCount((int) kernels, 0.9));
        // Glorot init: the wide first layer has the smallest weights, so it loses the most
        assertThat(sparsity(g.tensor("dense1.kernel"))).isGreaterThan(0.9);
        assertThat(sparsity(g.tensor("dense3.kernel"))).isLessThan(0.9);
        assertThat(base.tensor("dense1.kernel").values()).containsExactly(before);
        assertThat(base.plan()).isNull();
        assertThat(g.plan().scope()).isEqualTo(PruningPlan.Scope.GLOBAL);
        Model again = Pruning.prune(base, new ConstantSparsity(0.9, 0, -1, 100),
                PruningPlan.Scope.GLOBAL, Selection.ALL);
        assertThat(again.tensor("dense2.kernel").mask()).containsExactly(
                g.tensor("dense2.kernel").mask());
        assertThat(g.history()).last().asString().contains("global");
    }

    @Test
    void skipAndLayersChooseKernelsByLayerOrTensorName() {
        Model base = ReferenceModels.lenet300(2);
        Model m = Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 100),
                PruningPlan.Scope.LAYER,
                new Selection(List.of(), List.of("dense1", "dense3.kernel")));
        assertThat(m.tensor("dense1.kernel").hasMask()).isFalse();
        assertThat(m.tensor("dense3.kernel").hasMask()).isFalse();
        assertThat(sparsity(m.tensor("dense2.kernel"))).isEqualTo(0.5);
        assertThat(m.plan().tensors()).containsExactly("dense2.kernel");
        Model only = Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 100),
                PruningPlan.Scope.GLOBAL, new Selection(List.of("dense3"), List.of()));
        assertThat(only.plan().tensors()).containsExactly("dense3.kernel");
        assertThatThrownBy(() -> Pruning.prune(base, new ConstantSparsity(0.5, 0, -1, 100),
                PruningPlan.Scope.LAYER, new Selection(List.of(), List.of("dense9"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dense9").hasMessageContaining("dense1, dense2, dense3");
    }

    @Test
    void fineTuningRampsOneGlobalThreshold() {
        Model base = PruneTestModels.randomised(ReferenceModels.mlp("m", List.of(16, 8), 4, 3), 3);
        var data = PruneTestModels.data(base.input(), 256, 4, 5);
        Model planned = Pruning.prune(base, new PolynomialDecay(0.1, 0.75, 0, -1, 3, 2),
                PruningPlan.Scope.GLOBAL, Selection.ALL);
        Model tuned = Trainer.fit(planned, data, new TrainConfig(2, 32, 1e-2, Optimizer.ADAM, 0),
                "finetune", s -> { }, Cancellation.NEVER);
        int total = 0, kept = 0;
        List<Double> perLayer = new ArrayList<>();
        for (Tensor t : tuned.tensors()) {
            if (t.role() == TensorRole.KERNEL) {
                boolean[] m = t.mask();
                total += m.length;
                int k = 0;
                for (boolean b : m) {
                    k += b ? 1 : 0;
                }
                kept += k;
                perLayer.add(1 - (double) k / m.length);
            }
        }
        assertThat(kept).isEqualTo(MagnitudePruner.keptCount(total, 0.75));
        assertThat(perLayer).as("one threshold: layers end at different sparsities")
                .doesNotHaveDuplicates();
    }

    private static double sparsity(Tensor t) {
        return 1 - (double) t.nonzeros() / t.size();
    }
}
