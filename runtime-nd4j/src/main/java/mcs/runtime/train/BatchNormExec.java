package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation per channel (images) or feature (vectors), Keras semantics: batch
 * statistics while training, moving averages {@code m = momentum m + (1 - momentum) batch}
 * otherwise.
 */
final class BatchNormExec extends Exec {

    private final ParamStore ps;
    private final int channels;
    private final int plane;
    private final float eps;
    private final float momentum;
    private final int gammaOff;
    private final int betaOff;
    private final float[] movingMean;
    private final float[] movingVar;
    private final float[] mean;
    private final float[] invStd;
    private final float[] xhat;

    BatchNormExec(Layer layer, LayerSpec.BatchNorm spec, INDArray in, int batch, ParamStore ps,
                  boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.ps = ps;
        this.channels = layer.input().dim(0);
        this.plane = layer.input().size() / channels;
        this.eps = (float) spec.epsilon();
        this.momentum = (float) spec.momentum();
        this.gammaOff = ps.slot(layer.name() + ".gamma").offset();
        this.betaOff = ps.slot(layer.name() + ".beta").offset();
        this.movingMean = ps.fixed(layer.name() + ".moving_mean");
        this.movingVar = ps.fixed(layer.name() + ".moving_variance");
        this.mean = new float[channels];
        this.invStd = new float[channels];
        this.out = buffer(batch, layer.output());
        this.xhat = new float[(int) out.length()];
    }

    @Override
    void forward(boolean training) {
        FloatBuffer x = fb(in), y = fb(out), p = ps.p;
        if (training) {
            batchStatistics(x);
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = movingMean[c];
                invStd[c] = (float) (1.0 / Math.sqrt(movingVar[c] + eps));
            }
        }
        int i = 0;
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < channels; c++) {
                float g = p.get(gammaOff + c), b = p.get(betaOff + c);
                for (int k = 0; k < plane; k++, i++) {
                    xhat[i] = (x.get(i) - mean[c]) * invStd[c];
                    y.put(i, g * xhat[i] + b);
                }
            }
        }
    }

    private void batchStatistics(FloatBuffer x) {
        double[] sum = new double[channels], sq = new double[channels];
        int i = 0;
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < plane; k++, i++) {
                    float v = x.get(i);
                    sum[c] += v;
                    sq[c] += (double) v * v;
                }
            }
        }
        double n = (double) batch * plane;
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n, var = Math.max(0, sq[c] / n - m * m);
            mean[c] = (float) m;
            invStd[c] = (float) (1.0 / Math.sqrt(var + eps));
            movingMean[c] = momentum * movingMean[c] + (1 - momentum) * (float) m;
            movingVar[c] = momentum * movingVar[c] + (1 - momentum) * (float) var;
        }
    }

    @Override
    void backward() {
        FloatBuffer d = fb(dOut), p = ps.p, g = ps.g;
        double[] sumD = new double[channels], sumDX = new double[channels];
        int i = 0;
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < channels; c++) {
                for (int k = 0; k < plane; k++, i++) {
                    float dv = d.get(i);
                    sumD[c] += dv;
                    sumDX[c] += dv * xhat[i];
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            g.put(gammaOff + c, (float) sumDX[c]);
            g.put(betaOff + c, (float) sumD[c]);
        }
        if (dIn == null) {
            return;
        }
        FloatBuffer di = fb(dIn);
        double n = (double) batch * plane;
        i = 0;
        for (int r = 0; r < batch; r++) {
            for (int c = 0; c < channels; c++) {
                double scale = p.get(gammaOff + c) * invStd[c] / n;
                for (int k = 0; k < plane; k++, i++) {
                    double v = n * d.get(i) - sumD[c] - xhat[i] * sumDX[c];
                    di.put(i, (float) (scale * v));
                }
            }
        }
    }
}
