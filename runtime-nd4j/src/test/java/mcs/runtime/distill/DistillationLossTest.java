package mcs.runtime.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import mcs.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class DistillationLossTest {

    /** KL(softmax(t/T) || softmax(s/T)) * alpha * T^2, straight from the definitions. */
    private static double reference(double[] s, double[] t, double temp, double alpha) {
        double[] ps = softmax(s, temp);
        double[] pt = softmax(t, temp);
        double kl = 0;
        for (int j = 0; j < s.length; j++) {
            kl += pt[j] * Math.log(pt[j] / ps[j]);
        }
        return alpha * temp * temp * kl;
    }

    private static double[] softmax(double[] z, double temp) {
        double sum = 0;
        double[] e = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            e[j] = Math.exp(z[j] / temp);
            sum += e[j];
        }
        for (int j = 0; j < z.length; j++) {
            e[j] /= sum;
        }
        return e;
    }

    @Test
    void lossMatchesTheDefinitionAndGradientMatchesFiniteDifferences() {
        Random r = new Random(3);
        for (double temp : new double[] {1, 2, 4, 10}) {
            for (double alpha : new double[] {0.1, 0.9}) {
                int k = 5;
                double[] s = new double[k], t = new double[k];
                for (int j = 0; j < k; j++) {
                    s[j] = 3 * r.nextGaussian();
                    t[j] = 3 * r.nextGaussian();
                }
                DistillationLoss loss = new DistillationLoss(temp, alpha);
                float[] sf = toFloat(s), tf = toFloat(t);
                float[] grad = new float[k];
                double value = loss.addTo(sf, 0, tf, 0, k, grad, 1);
                assertThat(value).isCloseTo(reference(toDouble(sf), toDouble(tf), temp, alpha),
                        within(1e-9));
                double[] ps = softmax(toDouble(sf), temp), pt = softmax(toDouble(tf), temp);
                for (int j = 0; j < k; j++) {
                    double h = 1e-4;
                    double[] up = toDouble(sf), down = toDouble(sf);
                    up[j] += h;
                    down[j] -= h;
                    double numeric = (reference(up, toDouble(tf), temp, alpha)
                            - reference(down, toDouble(tf), temp, alpha)) / (2 * h);
                    assertThat((double) grad[j]).as("T %s alpha %s j %d", temp, alpha, j)
                            .isCloseTo(numeric, within(1e-5 + 1e-4 * Math.abs(numeric)))
                            .isCloseTo(alpha * temp * (ps[j] - pt[j]), within(1e-6));
                }
            }
        }
    }

    @Test
    void scalesAndAddsIntoTheGradientAtAnOffset() {
        DistillationLoss loss = new DistillationLoss(2, 1);
        float[] s = {9, 1, 2, 0}, t = {0, 0, 5, 1, 0, 0};
        float[] grad = {7, 0.5f, 0.25f, 0};
        double value = loss.addTo(s, 1, t, 2, 3, grad, 0.5);
        assertThat(value).isCloseTo(reference(new double[] {1, 2, 0}, new double[] {5, 1, 0}, 2, 1),
                within(1e-9));
        double[] ps = softmax(new double[] {1, 2, 0}, 2), pt = softmax(new double[] {5, 1, 0}, 2);
        assertThat(grad[0]).isEqualTo(7);
        for (int j = 0; j < 3; j++) {
            double before = new double[] {0.5, 0.25, 0}[j];
            assertThat((double) grad[j + 1]).isCloseTo(before + 0.5 * 2 * (ps[j] - pt[j]),
                    within(1e-6));
        }
    }

    @Test
    void identicalLogitsCostNothingAndBadSettingsAreRefused() {
        float[] z = {1, -2, 0.5f};
        float[] grad = new float[3];
        assertThat(new DistillationLoss(4, 0.9).addTo(z, 0, z, 0, 3, grad, 1))
                .isCloseTo(0, within(1e-12));
        assertThat(grad).containsOnly(0f);
        assertThatThrownBy(() -> new DistillationLoss(0, 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new DistillationLoss(4, -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("alpha");
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
