package mcs.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RangeCoderTest {

    @Property(tries = 200)
    void mixedCallsReadBackExactlyAndUseEveryByte(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3000) int calls) {
        Random r = new Random(seed);
        int[] kind = new int[calls];
        long[] value = new long[calls];
        RangeEncoder e = new RangeEncoder();
        Contexts bits = new Contexts(4);
        Contexts tree = new Contexts(1 << 5);
        double skew = r.nextDouble();
        for (int i = 0; i < calls; i++) {
            kind[i] = r.nextInt(4);
            switch (kind[i]) {
                case 0 -> {
                    value[i] = r.nextDouble() < skew ? 1 : 0;
                    e.bit(bits, i & 3, (int) value[i]);
                }
                case 1 -> {
                    value[i] = r.nextInt(32);
                    e.tree(tree, 0, 5, (int) value[i]);
                }
                case 2 -> {
                    value[i] = r.nextLong() & 0xFFFF_FFFFL;
                    e.direct(value[i], 32);
                }
                default -> {
                    value[i] = (r.nextLong() >>> 1) >>> r.nextInt(63);
                    e.varint(value[i]);
                }
            }
        }
        byte[] out = e.finish();
        RangeDecoder d = new RangeDecoder(out, 0, out.length);
        Contexts bits2 = new Contexts(4);
        Contexts tree2 = new Contexts(1 << 5);
        for (int i = 0; i < calls; i++) {
            long got = switch (kind[i]) {
                case 0 -> d.bit(bits2, i & 3);
                case 1 -> d.tree(tree2, 0, 5);
                case 2 -> d.direct(32);
                default -> d.varint();
            };
            assertThat(got).as("call %d of kind %d", i, kind[i]).isEqualTo(value[i]);
        }
        assertThat(d.overrun()).isZero();
        assertThat(d.remaining()).isZero();
    }

    @Test
    void skewedBitsCostCloseToTheirEntropy() {
        Random r = new Random(1);
        int n = 200_000;
        double p = 0.05;
        RangeEncoder e = new RangeEncoder();
        Contexts m = new Contexts(1);
        for (int i = 0; i < n; i++) {
            e.bit(m, 0, r.nextDouble() < p ? 1 : 0);
        }
        double entropyBits = n * (-p * log2(p) - (1 - p) * log2(1 - p));
        double bits = 8.0 * e.finish().length;
        assertThat(bits).isLessThan(entropyBits * 1.01 + 64).isGreaterThan(entropyBits * 0.98);
    }

    @Test
    void aTreeLearnsAnUnevenAlphabet() {
        Random r = new Random(2);
        int n = 50_000;
        double[] probs = {0.5, 0.25, 0.125, 0.125};
        RangeEncoder e = new RangeEncoder();
        Contexts m = new Contexts(4);
        for (int i = 0; i < n; i++) {
            double u = r.nextDouble();
            int s = u < 0.5 ? 0 : u < 0.75 ? 1 : u < 0.875 ? 2 : 3;
            e.tree(m, 0, 2, s);
        }
        double entropy = 0;
        for (double q : probs) {
            entropy -= q * log2(q);
        }
        assertThat(8.0 * e.finish().length / n).isCloseTo(entropy, org.assertj.core.data.Offset
                .offset(0.02));
    }

    @Test
    void readingPastTheEndIsCountedNotThrown() {
        RangeEncoder e = new RangeEncoder();
        e.direct(0xABCDEFL, 24);
        byte[] out = e.finish();
        RangeDecoder d = new RangeDecoder(out, 0, out.length - 2);
        d.direct(24);
        assertThat(d.overrun()).isPositive();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
