package mcs.runtime.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Float16Test {

    private static int bits(float f) {
        return Float16.fromFloat(f) & 0xFFFF;
    }

    @Test
    void knownValues() {
        assertThat(bits(1.0f)).isEqualTo(0x3C00);
        assertThat(bits(-2.0f)).isEqualTo(0xC000);
        assertThat(bits(0.5f)).isEqualTo(0x3800);
        assertThat(bits(65504f)).isEqualTo(0x7BFF);
        assertThat(bits(65519.996f)).isEqualTo(0x7BFF);
        assertThat(bits(65520f)).isEqualTo(0x7C00); // the tie rounds to even: infinity
        assertThat(bits(1e5f)).isEqualTo(0x7C00);
        assertThat(bits(Float.NEGATIVE_INFINITY)).isEqualTo(0xFC00);
        assertThat(bits(0f)).isEqualTo(0x0000);
        assertThat(bits(-0f)).isEqualTo(0x8000);
        assertThat(bits(0x1p-14f)).isEqualTo(0x0400); // smallest normal
        assertThat(bits(0x1p-24f)).isEqualTo(0x0001); // smallest subnormal
        assertThat(bits(0x1p-25f)).isEqualTo(0x0000); // halfway to the subnormal: even is 0
        assertThat(bits(0x1.8p-25f)).isEqualTo(0x0001);
        assertThat(bits(1e-8f)).isEqualTo(0x0000); // below 2^-25: underflows to zero
        assertThat(bits(-1e-8f)).isEqualTo(0x8000);
        assertThat(bits(0.1f)).isEqualTo(0x2E66);
        assertThat(bits(1f / 3)).isEqualTo(0x3555);
        assertThat(bits(1 + 0x1p-11f)).isEqualTo(0x3C00); // tie between 1 and 1+2^-10: even
        assertThat(bits(1 + 0x3p-11f)).isEqualTo(0x3C02);
        assertThat(bits(0x1.ffcp-15f)).isEqualTo(0x0400); // subnormal rounding up to normal
    }

    @Test
    void nanStaysNanAndInfinityStaysInfinite() {
        assertThat(Float.isNaN(Float16.round(Float.NaN))).isTrue();
        assertThat(Float.isNaN(Float16.toFloat((short) 0x7E00))).isTrue();
        assertThat(Float.isNaN(Float16.round(Float.intBitsToFloat(0x7F800001)))).isTrue();
        assertThat(Float16.round(Float.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void everyFiniteHalfRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            if (((h >>> 10) & 0x1F) == 31) {
                continue;
            }
            float f = Float16.toFloat((short) h);
            assertThat(f).as("half %04x", h).isEqualTo(reference(h));
            assertThat(bits(f)).as("half %04x", h).isEqualTo(h);
        }
    }

    /** The value of a finite half from its definition. */
    private static float reference(int h) {
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        double v = e == 0 ? m * Math.pow(2, -24) : (1 + m / 1024.0) * Math.pow(2, e - 15);
        return (float) ((h & 0x8000) != 0 ? -v : v);
    }

    @Test
    void roundsToTheNearestHalfTiesToEven() {
        double[] positives = new double[0x7C00]; // all finite non-negative halves, ascending
        for (int h = 0; h < positives.length; h++) {
            positives[h] = reference(h);
        }
        Random r = new Random(9);
        for (int t = 0; t < 200_000; t++) {
            float f = Float.intBitsToFloat(r.nextInt() & 0x7FFFFFFF);
            if (t % 2 == 0) {
                f = (float) (r.nextGaussian() * Math.pow(2, r.nextInt(44) - 30));
            }
            if (!Float.isFinite(f)) {
                continue;
            }
            assertThat(bits(f)).as("%s", f).isEqualTo(nearest(Math.abs(f), positives)
                    | (f < 0 || (f == 0 && 1 / f < 0) ? 0x8000 : 0));
        }
    }

    private static int nearest(double a, double[] halves) {
        if (a >= 65520) {
            return 0x7C00;
        }
        int i = Arrays.binarySearch(halves, a);
        if (i >= 0) {
            return i;
        }
        int hi = -i - 1;
        if (hi == halves.length) {
            return hi - 1;
        }
        int lo = hi - 1;
        double dl = a - halves[lo], dh = halves[hi] - a;
        if (dl != dh) {
            return dl < dh ? lo : hi;
        }
        return (lo & 1) == 0 ? lo : hi;
    }

    @Test
    void arrayHelpers() {
        float[] x = {1f, 0.1f, 70000f};
        assertThat(Float16.decode(Float16.encode(x))).containsExactly(1f, Float16.round(0.1f),
                Float.POSITIVE_INFINITY);
        Float16.roundInPlace(x);
        assertThat(x[1]).isEqualTo(0.0999755859375f);
    }
}
