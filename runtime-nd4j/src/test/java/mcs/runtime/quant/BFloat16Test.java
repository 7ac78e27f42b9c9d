package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BFloat16Test {

    private static int bits(float f) {
        return BFloat16.fromFloat(f) & 0xFFFF;
    }

    private static int bitsOf(int floatBits) {
        return bits(Float.intBitsToFloat(floatBits));
    }

    @Test
    void knownValues() {
        assertThat(bits(1f)).isEqualTo(0x3F80);
        assertThat(bits(3f)).isEqualTo(0x4040);
        assertThat(bits(-2f)).isEqualTo(0xC000);
        assertThat(bits(-0f)).isEqualTo(0x8000);
        assertThat(bitsOf(0x3F808000)).isEqualTo(0x3F80); // tie, even stays
        assertThat(bitsOf(0x3F818000)).isEqualTo(0x3F82); // tie, odd rounds up
        assertThat(bitsOf(0x3F808001)).isEqualTo(0x3F81);
        assertThat(bits(Float.MAX_VALUE)).isEqualTo(0x7F80); // rounds past the largest: inf
        assertThat(bits(Float.NEGATIVE_INFINITY)).isEqualTo(0xFF80);
        assertThat(bitsOf(0x00018000)).isEqualTo(0x0002); // subnormal tie, odd rounds up
        assertThat(bitsOf(0x00008000)).isEqualTo(0x0000); // subnormal tie, even stays
        assertThat(Float.isNaN(BFloat16.round(Float.NaN))).isTrue();
        assertThat(Float.isNaN(BFloat16.round(Float.intBitsToFloat(0x7F800001)))).isTrue();
    }

    @Test
    void everyBfloat16RoundTripsExactly() {
        for (int b = 0; b < 0x10000; b++) {
            float f = BFloat16.toFloat((short) b);
            assertThat(Float.floatToRawIntBits(f)).isEqualTo(b << 16);
            if (!Float.isNaN(f)) {
                assertThat(bits(f)).isEqualTo(b);
            }
        }
    }

    @Test
    void roundsToTheNearestTiesToEven() {
        Random r = new Random(4);
        for (int t = 0; t < 200_000; t++) {
            int fb = r.nextInt();
            float f = Float.intBitsToFloat(fb);
            if (!Float.isFinite(f)) {
                continue;
            }
            int down = fb >>> 16; // toward zero
            int up = down + 1; // away from zero (may be infinity)
            double a = Math.abs((double) f);
            double dd = a - Math.abs((double) BFloat16.toFloat((short) down));
            double du = Math.abs((double) BFloat16.toFloat((short) up)) - a;
            if ((up & 0x7FFF) == 0x7F80) {
                du = 0x1p128 - a; // past the largest: infinity stands where 2^128 would be
            }
            int expected = dd < du ? down : dd > du ? up : ((down & 1) == 0 ? down : up);
            assertThat(bits(f)).as("%08x", fb).isEqualTo(expected & 0xFFFF);
        }
    }
}
