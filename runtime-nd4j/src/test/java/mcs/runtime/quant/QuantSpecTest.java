package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class QuantSpecTest {

    private static QuantSpec spec(int bits, boolean signed, boolean symmetric) {
        return QuantSpec.fromRange(bits, signed, symmetric, -1f, 1f);
    }

    @Test
    void integerRangesFollowOnnxRuntime() {
        assertThat(new int[] {spec(8, true, true).qmin(), spec(8, true, true).qmax()})
                .containsExactly(-127, 127);
        assertThat(new int[] {spec(8, true, false).qmin(), spec(8, true, false).qmax()})
                .containsExactly(-128, 127);
        assertThat(new int[] {spec(8, false, false).qmin(), spec(8, false, false).qmax()})
                .containsExactly(0, 255);
        assertThat(new int[] {spec(4, true, true).qmin(), spec(4, true, true).qmax()})
                .containsExactly(-7, 7);
        assertThat(new int[] {spec(4, true, false).qmin(), spec(4, true, false).qmax()})
                .containsExactly(-8, 7);
        assertThat(new int[] {spec(4, false, false).qmin(), spec(4, false, false).qmax()})
                .containsExactly(0, 15);
    }

    @Test
    void asymmetricUint8FromARange() {
        // scale = (3 - -1) / 255, zero point = round(0 - (-1) / scale) = round(63.75) = 64
        QuantSpec s = QuantSpec.fromRange(8, false, false, -1f, 3f);
        assertThat(s.scale(0)).isEqualTo(4f / 255f);
        assertThat(s.zeroPoint(0)).isEqualTo(64);
        assertThat(s.perChannel()).isFalse();
    }

    @Test
    void theRangeIsWidenedToIncludeZero() {
        QuantSpec positive = QuantSpec.fromRange(8, false, false, 2f, 6f);
        assertThat(positive.scale(0)).isEqualTo(6f / 255f);
        assertThat(positive.zeroPoint(0)).isZero();
        QuantSpec negative = QuantSpec.fromRange(8, false, false, -6f, -2f);
        assertThat(negative.scale(0)).isEqualTo(6f / 255f);
        assertThat(negative.zeroPoint(0)).isEqualTo(255);
    }

    @Test
    void symmetricScalesByTheLargestMagnitude() {
        QuantSpec int8 = QuantSpec.fromRange(8, true, true, -0.5f, 2f);
        assertThat(int8.scale(0)).isEqualTo(2f / 127f);
        assertThat(int8.zeroPoint(0)).isZero();
        QuantSpec uint8 = QuantSpec.fromRange(8, false, true, -1f, 0.5f);
        assertThat(uint8.scale(0)).isEqualTo(2f / 255f);
        assertThat(uint8.zeroPoint(0)).isEqualTo(128);
        QuantSpec int4 = QuantSpec.fromRange(4, true, true, -3.5f, 1f);
        assertThat(int4.scale(0)).isEqualTo(3.5f / 7f);
    }

    @Test
    void anAllZeroRangeGetsScaleOne() {
        assertThat(QuantSpec.fromRange(8, true, true, 0f, 0f).scale(0)).isEqualTo(1f);
        assertThat(QuantSpec.fromRange(8, false, false, 0f, 0f).zeroPoint(0)).isZero();
        assertThat(QuantSpec.fromRange(8, false, true, 0f, 0f).zeroPoint(0)).isEqualTo(128);
    }

    @Test
    void perChannelRanges() {
        QuantSpec s = QuantSpec.fromRanges(8, true, true, 0, new float[] {-1f, 0f, -4f},
                new float[] {0.5f, 0f, 2f});
        assertThat(s.scales()).containsExactly(1f / 127f, 1f, 4f / 127f);
        assertThat(s.zeroPoints()).containsExactly(0, 0, 0);
        assertThat(s.channels()).isEqualTo(3);
        assertThat(s.perChannel()).isTrue();
    }

    @Test
    void isAValueWithDefensiveCopies() {
        float[] scales = {0.5f};
        QuantSpec a = new QuantSpec(8, true, true, -1, scales, new int[] {0});
        scales[0] = 9f;
        assertThat(a.scale(0)).isEqualTo(0.5f);
        a.scales()[0] = 7f;
        assertThat(a.scale(0)).isEqualTo(0.5f);
        assertThat(a).isEqualTo(new QuantSpec(8, true, true, -1, new float[] {0.5f},
                new int[] {0}));
        assertThat(a.toString()).contains("int8 symmetric [-127, 127]");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> spec(3, true, true)).isInstanceOf(InvalidInputException.class)
                .hasMessage("quantize: bits must be 4 or 8, got 3");
        assertThatThrownBy(() -> new QuantSpec(8, true, false, -1, new float[] {0f},
                new int[] {0})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("scale must be positive");
        assertThatThrownBy(() -> new QuantSpec(8, false, false, -1, new float[] {1f},
                new int[] {256})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("zero point 256");
        assertThatThrownBy(() -> new QuantSpec(8, true, true, -1, new float[] {1f},
                new int[] {3})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("symmetric");
        assertThatThrownBy(() -> new QuantSpec(8, true, true, -1, new float[] {1f, 2f},
                new int[] {0, 0})).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> QuantSpec.fromRange(8, true, true, Float.NaN, 1f))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> QuantSpec.fromRange(8, true, false, -Float.MAX_VALUE,
                Float.MAX_VALUE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("too wide");
    }
}
