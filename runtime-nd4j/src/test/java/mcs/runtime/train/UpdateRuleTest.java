package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam against its formula, and its moments never left in the slow subnormal range. */
class UpdateRuleTest {

    @Test
    void adamFollowsTheFormulaAndClearsMomentsOfWeightsThatStopLearning() throws Exception {
        // the arrays own the native memory the buffers view: kept reachable to the end
        INDArray params = Nd4j.create(new float[] {0.5f, -0.25f, 0f}, new long[] {3},
                DataType.FLOAT);
        INDArray grads = Nd4j.create(new float[] {0.1f, -0.2f, 1e-20f}, new long[] {3},
                DataType.FLOAT);
        FloatBuffer p = params.data().asNioFloat(), g = grads.data().asNioFloat();
        UpdateRule rule = new UpdateRule(Optimizer.ADAM, 1e-3, 3);
        rule.step(p, g);
        // first step: m = 0.1 g, v = 0.001 g^2, bias-corrected step lr * sign(g)
        assertThat(p.get(0)).isCloseTo(0.5f - 1e-3f, offset(1e-6f));
        assertThat(p.get(1)).isCloseTo(-0.25f + 1e-3f, offset(1e-6f));
        for (int i = 0; i < 3; i++) {
            g.put(i, 0f);
        }
        FloatBuffer m = moment(rule, "m"), v = moment(rule, "v");
        for (int step = 0; step < 1000; step++) {
            rule.step(p, g);
            for (int i = 0; i < 3; i++) {
                assertThat(Math.abs(m.get(i))).as("m[%d] at step %d", i, step)
                        .satisfiesAnyOf(a -> assertThat(a).isZero(),
                                a -> assertThat(a).isGreaterThanOrEqualTo(1e-30f));
                assertThat(v.get(i)).satisfiesAnyOf(a -> assertThat(a).isZero(),
                        a -> assertThat(a).isGreaterThanOrEqualTo(Float.MIN_NORMAL));
                assertThat(Math.abs(p.get(i))).satisfiesAnyOf(a -> assertThat(a).isZero(),
                        a -> assertThat(a).isGreaterThanOrEqualTo(Float.MIN_NORMAL));
            }
        }
        assertThat(m.get(0)).isZero(); // 0.9^1000 of 0.01 is far below 1e-30
        assertThat(v.get(2)).isZero(); // 1e-43 was subnormal from the start
        Reference.reachabilityFence(params);
        Reference.reachabilityFence(grads);
    }

    private static FloatBuffer moment(UpdateRule rule, String name) throws Exception {
        var f = UpdateRule.class.getDeclaredField(name);
        f.setAccessible(true);
        return (FloatBuffer) f.get(rule);
    }
}
