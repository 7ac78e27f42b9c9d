package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code y = act(x W + b)} with W as [in, out]: one gemm forward, two backward. */
final class DenseExec extends Exec {

    private final int units;
    private final Activation act;
    private final ParamStore ps;
    private final INDArray w;
    private final INDArray dw;
    private final int biasOff;
    private final FloatBuffer fOut;

    DenseExec(Layer layer, LayerSpec.Dense spec, INDArray in, int batch, ParamStore ps,
              boolean needInputGrad, Activation act) {
        super(layer, in, batch, needInputGrad);
        this.units = spec.units();
        this.act = act;
        this.ps = ps;
        int inputs = layer.input().dim(0);
        this.w = ps.param(layer.name() + ".kernel", inputs, units);
        this.dw = ps.grad(layer.name() + ".kernel", inputs, units);
        this.biasOff = ps.slot(layer.name() + ".bias").offset();
        this.out = buffer(batch, layer.output());
        this.fOut = fb(out);
    }

    @Override
    void forward(boolean training) {
        Nd4j.gemm(in, w, out, false, false, 1.0, 0.0);
        Kernels.biasActivate(fOut, batch, units, 1, ps.p, biasOff, act);
    }

    @Override
    void backward() {
        FloatBuffer d = fb(dOut);
        Kernels.activationBackward(d, fOut, batch * units, units, act);
        Nd4j.gemm(in, dOut, dw, true, false, 1.0, 0.0);
        Kernels.channelSums(d, batch, units, 1, ps.g, biasOff);
        if (dIn != null) {
            Nd4j.gemm(dOut, w, dIn, false, true, 1.0, 0.0);
        }
    }
}
