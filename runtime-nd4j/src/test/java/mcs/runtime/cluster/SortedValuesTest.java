package mcs.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedValuesTest {

    @Test
    void radixSortAgreesWithArraysSort() {
        Random r = new Random(1);
        for (int n : new int[] {0, 1, 2, 63, 64, 65, 1000, 100_000}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (r.nextInt(8)) {
                    case 0 -> 0f;
                    case 1 -> -0f;
                    case 2 -> Float.MIN_VALUE * r.nextInt(1000) * (r.nextBoolean() ? 1 : -1);
                    case 3 -> r.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
                    case 4 -> r.nextInt(5) - 2;
                    default -> (float) (r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
                };
            }
            float[] expected = x.clone();
            Arrays.sort(expected);
            SortedValuesTest.check(x, expected);
        }
    }

    private static void check(float[] x, float[] expected) {
        float[] y = x.clone();
        SortedValues.radixSort(y);
        for (int i = 0; i < y.length; i++) {
            assertThat(Float.floatToRawIntBits(y[i]))
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    @Test
    void rangeSumsMatchDirectSums() {
        Random r = new Random(2);
        float[] x = new float[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        SortedValues v = SortedValues.of(x, 0, x.length);
        float[] s = x.clone();
        Arrays.sort(s);
        for (int t = 0; t < 500; t++) {
            int a = r.nextInt(x.length + 1), b = r.nextInt(x.length + 1);
            int from = Math.min(a, b), to = Math.max(a, b);
            double sum = 0, sq = 0;
            for (int i = from; i < to; i++) {
                sum += s[i];
                sq += (double) s[i] * s[i];
            }
            assertThat(v.sum(from, to)).isCloseTo(sum, within(1e-9));
            assertThat(v.sumSq(from, to)).isCloseTo(sq, within(1e-9));
            double c = r.nextGaussian();
            double cost = 0;
            for (int i = from; i < to; i++) {
                cost += (s[i] - c) * (s[i] - c);
            }
            assertThat(v.cost(from, to, c)).isCloseTo(cost, within(1e-8));
        }
    }

    @Test
    void boundsFindTheFirstGreaterAndFirstNotLess() {
        SortedValues v = SortedValues.of(new float[] {3, 1, 2, 2, 5}, 0, 5); // 1 2 2 3 5
        assertThat(v.upperBound(2, 0, 5)).isEqualTo(3);
        assertThat(v.lowerBound(2, 0, 5)).isEqualTo(1);
        assertThat(v.upperBound(0, 0, 5)).isZero();
        assertThat(v.upperBound(9, 0, 5)).isEqualTo(5);
    }
}
