package mcs.runtime.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import mcs.runtime.model.ReferenceModels;
import mcs.runtime.prune.Selection;
import mcs.runtime.prune.StructuredPruning;
import org.junit.jupiter.api.Test;

class MacsTest {

    @Test
    void leNetsCountTheirConvolutionsAndDenseLayers() {
        // 24*24*20*25 + 8*8*50*20*25 + 800*500 + 500*10
        assertThat(Macs.of(ReferenceModels.lenet5(1))).isEqualTo(2_293_000L);
        assertThat(Macs.of(ReferenceModels.lenet300(1)))
                .isEqualTo(784L * 300 + 300 * 100 + 100 * 10);
    }

    @Test
    void removingHalfTheFiltersRemovesTwoThirdsOfLeNet5sWork() {
        var half = StructuredPruning.prune(ReferenceModels.lenet5(1), 0.5,
                StructuredPruning.Granularity.FILTER, StructuredPruning.Norm.L1, Selection.ALL);
        // 24*24*10*25 + 8*8*25*10*25 + 400*500 + 500*10
        assertThat(Macs.of(half)).isEqualTo(749_000L);
    }
}
