package mcs.runtime.model;

import java.util.Arrays;
import java.util.Random;

/** Initial parameter values as Keras gives them: Glorot uniform kernels, zero biases, BN identity. */
final class Initializer {

    private Initializer() {
    }

    static float[] initial(ParamDecl p, Random random) {
        float[] v = new float[p.size()];
        switch (p.role()) {
            case KERNEL -> {
                int[] s = p.shape();
                int fanIn, fanOut;
                if (s.length == 4) { // [out, in, k, k]
                    int field = s[2] * s[3];
                    fanIn = s[1] * field;
                    fanOut = s[0] * field;
                } else { // [in, out]
                    fanIn = s[0];
                    fanOut = s[1];
                }
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
                }
            }
            case GAMMA, MOVING_VARIANCE -> Arrays.fill(v, 1f);
            case BIAS, BETA, MOVING_MEAN -> { }
        }
        return v;
    }
}
