package mcs.runtime.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.train.Evaluator;

/** Random weights and inputs, and forward outputs, for the transform tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Every tensor of {@code m} filled with Gaussian values (variances positive). */
    static Model randomised(Model m, long seed) {
        Random r = new Random(seed);
        List<Tensor> ts = new ArrayList<>();
        for (Tensor t : m.tensors()) {
            float[] v = new float[t.size()];
            for (int i = 0; i < v.length; i++) {
                double g = r.nextGaussian();
                v[i] = (float) (t.name().endsWith("variance") ? 0.2 + g * g
                        : t.name().endsWith("gamma") ? 1 + 0.5 * g : 0.5 * g);
            }
            ts.add(t.withValues(v));
        }
        return m.withTensors(ts);
    }

    static float[] inputs(Model m, int count, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count * m.input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static float[] logits(Model m, float[] x, int count) {
        return Evaluator.logits(m, x, count);
    }

    /** Largest |a - b| / max(1, |b|). */
    static double maxRelativeError(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
        return worst;
    }
}
