package mcs.runtime.keras;

/**
 * Direct channels-last (Keras/TensorFlow) definitions of the layers, for one sample, written
 * from the TensorFlow documentation independently of the importer: same padding puts
 * {@code total / 2} rows before and the rest after, with {@code total = max((out - 1) s + k - n, 0)}
 * and {@code out = ceil(n / s)}; average pooling divides by the real (unpadded) inputs.
 */
final class Nhwc {

    private Nhwc() {
    }

    private static int before(int n, int k, int s) {
        int out = (n + s - 1) / s;
        return Math.max((out - 1) * s + k - n, 0) / 2;
    }

    /** Same-padded depthwise convolution, kernel [k, k, c, mult], output channel c * mult + m. */
    static float[] depthwise(float[] x, int h, int w, int c, float[] k, int ks, int mult,
                             float[] bias) {
        int pt = before(h, ks, 1), pl = before(w, ks, 1), co = c * mult;
        float[] y = new float[h * w * co];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int m = 0; m < mult; m++) {
                        double s = bias[ch * mult + m];
                        for (int di = 0; di < ks; di++) {
                            for (int dj = 0; dj < ks; dj++) {
                                int yi = i + di - pt, xj = j + dj - pl;
                                if (yi >= 0 && yi < h && xj >= 0 && xj < w) {
                                    s += x[(yi * w + xj) * c + ch]
                                            * k[((di * ks + dj) * c + ch) * mult + m];
                                }
                            }
                        }
                        y[(i * w + j) * co + ch * mult + m] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    /** Same-padded convolution with stride s, kernel [k, k, c, out], no bias. */
    static float[] conv(float[] x, int h, int w, int c, float[] k, int ks, int out, int s) {
        int ho = (h + s - 1) / s, wo = (w + s - 1) / s, pt = before(h, ks, s), pl = before(w, ks, s);
        float[] y = new float[ho * wo * out];
        for (int i = 0; i < ho; i++) {
            for (int j = 0; j < wo; j++) {
                for (int o = 0; o < out; o++) {
                    double sum = 0;
                    for (int di = 0; di < ks; di++) {
                        for (int dj = 0; dj < ks; dj++) {
                            int yi = i * s + di - pt, xj = j * s + dj - pl;
                            if (yi < 0 || yi >= h || xj < 0 || xj >= w) {
                                continue;
                            }
                            for (int ch = 0; ch < c; ch++) {
                                sum += x[(yi * w + xj) * c + ch] * k[((di * ks + dj) * c + ch) * out + o];
                            }
                        }
                    }
                    y[(i * wo + j) * out + o] = (float) sum;
                }
            }
        }
        return y;
    }

    /** Same-padded average pooling, k x k stride s, padding not counted. */
    static float[] avgPoolSame(float[] x, int h, int w, int c, int k, int s) {
        int ho = (h + s - 1) / s, wo = (w + s - 1) / s, pt = before(h, k, s), pl = before(w, k, s);
        float[] y = new float[ho * wo * c];
        for (int i = 0; i < ho; i++) {
            for (int j = 0; j < wo; j++) {
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    int n = 0;
                    for (int di = 0; di < k; di++) {
                        for (int dj = 0; dj < k; dj++) {
                            int yi = i * s + di - pt, xj = j * s + dj - pl;
                            if (yi >= 0 && yi < h && xj >= 0 && xj < w) {
                                sum += x[(yi * w + xj) * c + ch];
                                n++;
                            }
                        }
                    }
                    y[(i * wo + j) * c + ch] = (float) (sum / n);
                }
            }
        }
        return y;
    }

    /** Concatenation along the last axis of two [pixels, ca] and [pixels, cb] tensors. */
    static float[] concat(float[] a, int ca, float[] b, int cb, int pixels) {
        float[] y = new float[pixels * (ca + cb)];
        for (int p = 0; p < pixels; p++) {
            System.arraycopy(a, p * ca, y, p * (ca + cb), ca);
            System.arraycopy(b, p * cb, y, p * (ca + cb) + ca, cb);
        }
        return y;
    }

    static void relu(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0f, x[i]);
        }
    }

    /** x [n] times kernel [n, units] plus bias. */
    static float[] dense(float[] x, float[] k, float[] b, int units) {
        float[] y = new float[units];
        for (int u = 0; u < units; u++) {
            double s = b[u];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * k[i * units + u];
            }
            y[u] = (float) s;
        }
        return y;
    }

    static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (float v : z) {
            max = Math.max(max, v);
        }
        float[] y = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            sum += Math.exp(z[i] - max);
        }
        for (int i = 0; i < z.length; i++) {
            y[i] = (float) (Math.exp(z[i] - max) / sum);
        }
        return y;
    }

    static float[] toChannelsFirst(float[] x, int h, int w, int c) {
        float[] y = new float[x.length];
        for (int i = 0; i < h * w; i++) {
            for (int ch = 0; ch < c; ch++) {
                y[ch * h * w + i] = x[i * c + ch];
            }
        }
        return y;
    }
}
