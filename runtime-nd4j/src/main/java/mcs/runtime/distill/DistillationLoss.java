package mcs.runtime.distill;

import mcs.runtime.InvalidInputException;

/**
 * Hinton's knowledge-distillation term on one sample's logits, as DESIGN.md writes the loss
 * {@code CE(y, s) + alpha T^2 KL(softmax(t / T) || softmax(s / T))}: this is the second part,
 * with student logits {@code s} and teacher logits {@code t}. Its gradient w.r.t. the student
 * logits is {@code alpha T (softmax(s / T) - softmax(t / T))}; the {@code T^2} keeps the
 * gradient's size comparable to the cross-entropy's as {@code T} changes.
 */
public record DistillationLoss(double temperature, double alpha) {

    public DistillationLoss {
        if (!(temperature > 0 && temperature <= 1000)) {
            throw new InvalidInputException("distill: temperature must be in (0, 1000], got "
                    + temperature);
        }
        if (!(alpha >= 0 && alpha <= 1000)) {
            throw new InvalidInputException("distill: alpha must be in [0, 1000], got " + alpha);
        }
    }

    /**
     * The term for student logits {@code s[sOff..sOff+k)} and teacher logits
     * {@code t[tOff..tOff+k)}; adds {@code scale} times its gradient into {@code grad[sOff..]}.
     */
    public double addTo(float[] s, int sOff, float[] t, int tOff, int k, float[] grad,
                        double scale) {
        double[] logPs = logSoftmax(s, sOff, k);
        double[] logPt = logSoftmax(t, tOff, k);
        double kl = 0;
        for (int j = 0; j < k; j++) {
            double pt = Math.exp(logPt[j]);
            kl += pt * (logPt[j] - logPs[j]);
            grad[sOff + j] += (float) (scale * alpha * temperature * (Math.exp(logPs[j]) - pt));
        }
        return alpha * temperature * temperature * kl;
    }

    private double[] logSoftmax(float[] z, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[off + j] / temperature);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(z[off + j] / temperature - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[k];
        for (int j = 0; j < k; j++) {
            out[j] = z[off + j] / temperature - log;
        }
        return out;
    }
}
