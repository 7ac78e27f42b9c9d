package mcs.runtime.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mcs.runtime.Cancellation;
import mcs.runtime.CancelledException;
import mcs.runtime.InvalidInputException;
import mcs.runtime.compress.ModelQuantization;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import org.junit.jupiter.api.Test;

class OnnxRuntimeLatencyTest {

    private static final Model DENSE = ReferenceModels.lenet300(1);
    private static final Model INT8 = ModelQuantization.quantize(DENSE,
            new ModelQuantization.Config(ModelQuantization.Format.INT8,
                    ModelQuantization.Mode.WEIGHTS, true, true, false, null, 0,
                    ModelQuantization.Method.MINMAX, Set.of()), Cancellation.NEVER);

    @Test
    void quantisedModelsAreTimedAsQdqGraphs() {
        assertThat(OnnxRuntimeLatency.exportFor(DENSE)).isEqualTo(OnnxExport.Quant.NONE);
        assertThat(OnnxRuntimeLatency.exportFor(INT8)).isEqualTo(OnnxExport.Quant.QDQ);
    }

    @Test
    void everyModelGetsAFigure() {
        double[] ms = OnnxRuntimeLatency.millis(List.of(DENSE, INT8), 4, Cancellation.NEVER);
        assertThat(ms).hasSize(2);
        for (double v : ms) {
            assertThat(v).isPositive().isLessThan(10_000);
        }
    }

    @Test
    void aCancelledTimingStopsAndSaysSo() {
        AtomicInteger asked = new AtomicInteger();
        Cancellation soon = () -> asked.incrementAndGet() > 5;
        assertThatThrownBy(() -> OnnxRuntimeLatency.millis(List.of(DENSE), 1, soon))
                .isInstanceOf(CancelledException.class);
        assertThat(asked.get()).isEqualTo(6);
    }

    @Test
    void aBatchOutOfRangeIsRefused() {
        assertThatThrownBy(() -> OnnxRuntimeLatency.millis(List.of(DENSE), 0, Cancellation.NEVER))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("[1, 65536]");
    }
}
