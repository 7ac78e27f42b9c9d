package mcs.runtime.cluster;

/**
 * Values sorted ascending with prefix sums of the values and of their squares, so that the sum
 * over any index range costs O(1) plus a scan of less than one block. Prefix sums are kept per
 * block of {@value #BLOCK} values (in double), which keeps the extra memory small for tensors
 * of tens of millions of weights.
 *
 * <p>Sorting is an LSD radix sort on the IEEE bit patterns (3 passes of 11 bits): on 25.5 M
 * gaussian floats it takes about 0.3-0.5 s against about 3 s for {@code Arrays.sort}.
 */
final class SortedValues {

    private static final int BLOCK = 64;
    private static final int SHIFT = 6;
    private static final int RADIX_BITS = 11;
    private static final int RADIX = 1 << RADIX_BITS;

    private final float[] v;
    private final double[] blockSum;
    private final double[] blockSumSq;

    private SortedValues(float[] sorted) {
        this.v = sorted;
        int blocks = (sorted.length >>> SHIFT) + 1;
        this.blockSum = new double[blocks];
        this.blockSumSq = new double[blocks];
        double s = 0, s2 = 0;
        for (int i = 0; i < sorted.length; i++) {
            if ((i & (BLOCK - 1)) == 0) {
                blockSum[i >>> SHIFT] = s;
                blockSumSq[i >>> SHIFT] = s2;
            }
            double x = sorted[i];
            s += x;
            s2 += x * x;
        }
        if ((sorted.length & (BLOCK - 1)) == 0) {
            blockSum[blocks - 1] = s;
            blockSumSq[blocks - 1] = s2;
        }
    }

    /** Sorts a copy of {@code values[from, to)}; the caller has checked they are finite. */
    static SortedValues of(float[] values, int from, int to) {
        float[] a = new float[to - from];
        System.arraycopy(values, from, a, 0, a.length);
        radixSort(a);
        return new SortedValues(a);
    }

    /** Takes ownership of {@code values} and sorts it in place. */
    static SortedValues sortInPlace(float[] values) {
        radixSort(values);
        return new SortedValues(values);
    }

    int size() {
        return v.length;
    }

    float get(int i) {
        return v[i];
    }

    /** Sum of the values at sorted positions {@code [0, i)}. */
    double prefixSum(int i) {
        return prefix(i, v, blockSum, false);
    }

    /** Sum of the values at sorted positions {@code [from, to)}. */
    double sum(int from, int to) {
        return prefix(to, v, blockSum, false) - prefix(from, v, blockSum, false);
    }

    /** Sum of the squared values at sorted positions {@code [from, to)}. */
    double sumSq(int from, int to) {
        return prefix(to, v, blockSumSq, true) - prefix(from, v, blockSumSq, true);
    }

    /** Sum of {@code (x - c)^2} over sorted positions {@code [from, to)}, never negative. */
    double cost(int from, int to, double c) {
        int n = to - from;
        if (n <= 0) {
            return 0;
        }
        double e = sumSq(from, to) - 2 * c * sum(from, to) + c * c * n;
        return Math.max(e, 0);
    }

    /** The first position in {@code [from, to)} whose value is greater than {@code x}. */
    int upperBound(double x, int from, int to) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first position in {@code [from, to)} whose value is at least {@code x}. */
    int lowerBound(double x, int from, int to) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double prefix(int i, float[] v, double[] blocks, boolean squared) {
        int b = i >>> SHIFT;
        double s = blocks[b];
        for (int j = b << SHIFT; j < i; j++) {
            double x = v[j];
            s += squared ? x * x : x;
        }
        return s;
    }

    /** Sorts finite floats ascending (-0.0 before 0.0) by their order-preserving bit keys. */
    static void radixSort(float[] a) {
        int n = a.length;
        if (n < 2) {
            return;
        }
        int[][] counts = new int[3][RADIX];
        for (float f : a) {
            int k = key(f);
            counts[0][k & (RADIX - 1)]++;
            counts[1][(k >>> RADIX_BITS) & (RADIX - 1)]++;
            counts[2][k >>> (2 * RADIX_BITS)]++;
        }
        float[] src = a;
        float[] dst = new float[n];
        for (int pass = 0; pass < 3; pass++) {
            int[] c = counts[pass];
            if (singleBucket(c, n)) {
                continue;
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int t = c[d];
                c[d] = sum;
                sum += t;
            }
            int shift = pass * RADIX_BITS;
            for (int i = 0; i < n; i++) {
                float f = src[i];
                dst[c[(key(f) >>> shift) & (RADIX - 1)]++] = f;
            }
            float[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    private static boolean singleBucket(int[] counts, int n) {
        for (int c : counts) {
            if (c == n) {
                return true;
            }
            if (c != 0) {
                return false;
            }
        }
        return false;
    }

    /** Maps float bits to an int whose unsigned order is the float order. */
    private static int key(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) | 0x80000000);
    }
}
