package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A stand-alone activation. */
final class ActExec extends Exec {

    private final Activation act;
    private final int n;
    private final int rowLength;

    ActExec(Layer layer, INDArray in, int batch, boolean needInputGrad, Activation act) {
        super(layer, in, batch, needInputGrad);
        this.act = act;
        this.out = buffer(batch, layer.output());
        this.n = (int) out.length();
        this.rowLength = layer.output().size();
    }

    @Override
    void forward(boolean training) {
        out.assign(in);
        if (act == Activation.SOFTMAX) {
            Kernels.softmaxRows(fb(out), batch, rowLength);
        } else if (act == Activation.LOG_SOFTMAX) {
            Kernels.logSoftmaxRows(fb(out), batch, rowLength);
        } else if (act != Activation.LINEAR) {
            Kernels.biasActivate(fb(out), batch, 1, rowLength, null, -1, act);
        }
    }

    @Override
    void backward() {
        if (dIn == null) {
            return;
        }
        FloatBuffer d = fb(dOut);
        Kernels.activationBackward(d, fb(out), n, rowLength, act);
        dIn.assign(dOut);
    }
}
