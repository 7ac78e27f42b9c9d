package mcs.runtime.quant;

import java.util.Random;

/** Test inputs shared by the quantisation and clustering tests. */
public final class TestData {

    private TestData() {
    }

    /** n values {@code (float) (sigma * g)}, g standard normal from {@code new Random(seed)}. */
    public static float[] gaussian(int n, long seed, double sigma) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (sigma * r.nextGaussian());
        }
        return x;
    }
}
