package mcs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void refusesMoreThanTheHeapHoldsNamingTheLimitToRaise() {
        long tooMuch = Memory.heapLimit() * 2;
        assertThatThrownBy(() -> Memory.requireHeap("the data", tooMuch))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the data would take " + Memory.size(tooMuch) + ", more")
                .hasMessageContaining("heap's " + Memory.size(Memory.heapLimit()) + " limit")
                .hasMessageContaining("MCS_HEAP=");
        Memory.requireHeap("a little", 1 << 20);
    }

    @Test
    void refusesMoreThanTheOffHeapLimit() {
        long tooMuch = Memory.offHeapLimit() + (1L << 30);
        assertThatThrownBy(() -> Memory.requireOffHeap("training", tooMuch))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("off the heap").hasMessageContaining("MCS_OFFHEAP=");
        Memory.requireOffHeap("a little", 1 << 20);
    }

    @Test
    void refusesATensorLargerThanOneJavaArray() {
        assertThatThrownBy(() -> Memory.requireArray("dense2/kernel", 3_000_000_000L))
                .hasMessage("dense2/kernel has 3,000,000,000 values; one tensor holds at most "
                        + "2,147,483,639");
        Memory.requireArray("small", Memory.MAX_ARRAY);
    }

    @Test
    void aModelTooLargeIsRefusedBeforeItsTensorsAreAllocated() {
        long before = usedHeap();
        assertThatThrownBy(() -> Model.sequential("huge", Shape.of(3),
                List.of(new LayerSpec.Dense(2_000_000_000, Activation.LINEAR)), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the model's 8,000,000,000 parameters would take 29.8 GB");
        assertThat(usedHeap() - before).isLessThan(64L << 20);
    }

    @Test
    void sizesReadAsUsersExpect() {
        assertThat(Memory.size(512)).isEqualTo("512 bytes");
        assertThat(Memory.size(1536)).isEqualTo("1.5 KB");
        assertThat(Memory.size(8_000_000_000L * 4)).isEqualTo("29.8 GB");
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
