package mcs.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** A batch whose activations cannot fit off the heap is refused before anything is allocated. */
class NetworkMemoryTest {

    @Test
    void aTrainingBatchBeyondTheOffHeapLimitIsRefusedFirst() {
        Model lenet5 = ReferenceModels.lenet5(1);
        // LeNet-5 keeps about 20,500 values per sample; twice that for training, 4 bytes each
        int batch = (int) Math.min(Integer.MAX_VALUE, Memory.offHeapLimit() / (2 * 4 * 20_000L)
                + 1);
        long before = Pointer.totalBytes();
        assertThatThrownBy(() -> new Network(lenet5, batch, true, 0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(String.format("training lenet5 at batch %,d would take",
                        batch))
                .hasMessageContaining("MCS_OFFHEAP=");
        assertThat(Pointer.totalBytes() - before).isLessThan(16L << 20);
    }

    @Test
    void anOrdinaryBatchIsAccepted() {
        Network.requireMemory(ReferenceModels.lenet5(1), 128, true);
        Network.requireMemory(ReferenceModels.lenet300(1), 65536, false);
    }
}
