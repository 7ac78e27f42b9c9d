package mcs.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodebookTest {

    @Test
    void reconstructsFromCentroidsAndIndices() {
        Codebook cb = Codebook.of(new float[] {-0.5f, 0.25f, 1f}, new int[] {2, 0, 1, 1, 2});
        assertThat(cb.reconstruct()).containsExactly(1f, -0.5f, 0.25f, 0.25f, 1f);
        assertThat(cb.size()).isEqualTo(3);
        assertThat(cb.length()).isEqualTo(5);
        assertThat(cb.counts()).containsExactly(1, 2, 2);
        assertThat(cb.bitsPerIndex()).isEqualTo(2);
    }

    @Test
    void bitsPerIndexIsTheCeilingOfLog2() {
        assertThat(Codebook.of(new float[2], new int[0]).bitsPerIndex()).isEqualTo(1);
        assertThat(Codebook.of(new float[16], new int[0]).bitsPerIndex()).isEqualTo(4);
        assertThat(Codebook.of(new float[17], new int[0]).bitsPerIndex()).isEqualTo(5);
        assertThat(Codebook.of(new float[1 << 16], new int[0]).bitsPerIndex()).isEqualTo(16);
    }

    @Test
    void wideCodebooksKeepIndicesAbove255() {
        float[] c = new float[1000];
        for (int j = 0; j < c.length; j++) {
            c[j] = j;
        }
        Codebook cb = Codebook.of(c, new int[] {999, 0, 256, 511});
        assertThat(cb.indices()).containsExactly(999, 0, 256, 511);
        assertThat(cb.reconstruct()).containsExactly(999f, 0f, 256f, 511f);
    }

    @Test
    void withCentroidsKeepsIndicesAndIsImmutable() {
        float[] c = {1f, 2f};
        Codebook cb = Codebook.of(c, new int[] {0, 1, 1});
        c[0] = 99f;
        Codebook moved = cb.withCentroids(new float[] {3f, -1f});
        assertThat(cb.centroids()).containsExactly(1f, 2f);
        assertThat(moved.reconstruct()).containsExactly(3f, -1f, -1f);
        assertThat(moved.sorted().centroids()).containsExactly(-1f, 3f);
        assertThat(moved.sorted().reconstruct()).containsExactly(3f, -1f, -1f);
        assertThat(cb.sorted()).isSameAs(cb);
    }

    @Test
    void theReservedZeroMustStayZero() {
        Codebook cb = Codebook.of(new float[] {-1f, 0f, 1f}, new int[] {1, 0, 2}, 1);
        assertThatThrownBy(() -> cb.withCentroids(new float[] {-1f, 0.1f, 1f}))
                .isInstanceOf(IllegalArgumentException.class);
        Codebook sorted = cb.withCentroids(new float[] {2f, 0f, 1f}).sorted();
        assertThat(sorted.zeroIndex()).isZero();
        assertThat(sorted.reconstruct()).containsExactly(0f, 2f, 1f);
    }

    @Test
    void rejectsIndicesOutOfRange() {
        assertThatThrownBy(() -> Codebook.of(new float[] {1f}, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
