package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * {@code y = act(x W + b)} with W as [in, out]: one gemm forward, two backward. In a
 * {@link Lanes lane} the forward product is oneDNN's matmul on the lane's one thread, which
 * sums in another order than OpenBLAS (results agree to float rounding).
 */
final class DenseExec extends Exec {

    private final int units;
    private final Activation act;
    private final ParamStore ps;
    private final INDArray w;
    private final INDArray dw;
    private final int biasOff;
    private final FloatBuffer fOut;
    private final float[] sums;
    private final Blas.Matrix x;
    private final Blas.Matrix wm;
    private final Blas.Matrix dwm;
    private final Blas.Matrix y;
    /** oneDNN's product for a forward pass in a lane, else null (OpenBLAS). */
    private final DynamicCustomOp laneProduct;
    private Blas.Matrix dy;
    private Blas.Matrix dx;

    DenseExec(Layer layer, LayerSpec.Dense spec, INDArray in, int batch, ParamStore ps,
              boolean needInputGrad, Activation act, boolean lane) {
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
        this.sums = new float[units];
        this.x = Blas.Matrix.of(in, batch, inputs);
        this.wm = Blas.Matrix.of(w, inputs, units);
        this.dwm = Blas.Matrix.of(dw, inputs, units);
        this.y = Blas.Matrix.of(out, batch, units);
        this.laneProduct = lane
                ? DynamicCustomOp.builder("matmul").addInputs(in, w).addOutputs(out).build()
                : null;
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        dy = Blas.Matrix.of(gradOut, batch, units);
        dx = d == null ? null : Blas.Matrix.of(d, batch, x.cols());
        return d;
    }

    @Override
    void forward(boolean training) {
        if (laneProduct != null) {
            Kernels.exec(laneProduct, true);
        } else {
            Blas.gemm(x, false, wm, false, y);
        }
        Kernels.biasActivate(fOut, batch, units, 1, ps.p, biasOff, act);
    }

    @Override
    void backward() {
        Kernels.denseBackward(fb(dOut), fOut, batch, units, act, ps.g, biasOff, sums);
        Blas.gemm(x, true, dy, false, dwm);
        if (dIn != null) {
            Blas.gemm(dy, false, wm, true, dx);
        }
    }
}
