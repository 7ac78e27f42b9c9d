package mcs.runtime.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.quant.WeightQuantizer;
import org.junit.jupiter.api.Test;

class MixedPrecisionTest {

    private static Model model() {
        return Fixtures.randomised(Model.sequential("mlp", Shape.of(12), List.of(
                new LayerSpec.Dense(8, Activation.RELU),
                new LayerSpec.BatchNorm(1e-3, 0.9),
                new LayerSpec.Dense(3, Activation.LINEAR)), 2), 6);
    }

    @Test
    void storesEveryFloatTensorAsHalfAndKeepsTheOutputClose() {
        Model m = model();
        for (Precision p : new Precision[] {Precision.FP16, Precision.BF16}) {
            MixedPrecision.Result r = MixedPrecision.apply(m, p);
            assertThat(r.converted()).isEqualTo(m.tensors().size());
            assertThat(r.quantised()).isZero();
            for (Tensor t : r.model().tensors()) {
                assertThat(t.precision()).isEqualTo(p);
                float[] v = t.values();
                for (float x : v) {
                    int bits = Float.floatToRawIntBits(x);
                    if (p == Precision.BF16) {
                        assertThat(bits & 0xFFFF).as("bf16 keeps 16 high bits").isZero();
                    } else {
                        assertThat(fitsFp16(x)).as("fp16 value %s", x).isTrue();
                    }
                }
            }
            float[] x = Fixtures.inputs(m, 8, 1);
            double tolerance = p == Precision.BF16 ? 5e-2 : 5e-3;
            assertThat(Fixtures.maxRelativeError(Fixtures.logits(r.model(), x, 8),
                    Fixtures.logits(m, x, 8))).isLessThan(tolerance).isGreaterThan(0);
        }
        assertThat(m.tensors()).allSatisfy(t -> assertThat(t.precision()).isEqualTo(Precision.FP32));
    }

    @Test
    void leavesQuantisedTensorsOnTheirGrid() {
        Model m = model();
        Tensor k = m.tensor("dense1.kernel");
        Model q = m.withTensors(List.of(k.withQuant(
                WeightQuantizer.int8PerChannel(k.values(), k.shape(), 1))));
        MixedPrecision.Result r = MixedPrecision.apply(q, Precision.FP16);
        assertThat(r.quantised()).isEqualTo(1);
        assertThat(r.model().tensor("dense1.kernel").values())
                .containsExactly(q.tensor("dense1.kernel").values());
        assertThat(r.model().history()).containsExactly("precision fp16");
    }

    /** 11 significant bits for normal fp16 numbers, multiples of 2^-24 below. */
    private static boolean fitsFp16(float x) {
        if (Math.getExponent(x) >= -14) {
            return (Float.floatToRawIntBits(x) & 0x1FFF) == 0 && Math.abs(x) <= 65504f;
        }
        double units = x / Math.scalb(1.0, -24);
        return units == Math.rint(units);
    }
}
