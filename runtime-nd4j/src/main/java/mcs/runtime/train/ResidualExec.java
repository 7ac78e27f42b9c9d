package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code y = x + body(x)}; the gradient flows through both the skip and the body. */
final class ResidualExec extends Exec {

    private final List<Exec> body = new ArrayList<>();
    private INDArray bodyDIn;

    ResidualExec(Layer layer, INDArray in, int batch, ParamStore ps, boolean needInputGrad,
                 Random random) {
        super(layer, in, batch, needInputGrad);
        INDArray x = in;
        for (Layer child : layer.children()) {
            Exec e = Exec.create(child, x, batch, ps, true, false, random);
            body.add(e);
            x = e.out;
        }
        this.out = buffer(batch, layer.output());
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        INDArray bodyGrad = buffer(batch, layer.output());
        for (int i = body.size() - 1; i >= 0; i--) {
            bodyGrad = body.get(i).wireBackward(bodyGrad);
        }
        bodyDIn = bodyGrad;
        return d;
    }

    @Override
    void forward(boolean training) {
        for (Exec e : body) {
            e.forward(training);
        }
        FloatBuffer x = fb(in), b = fb(body.get(body.size() - 1).out), y = fb(out);
        for (int i = 0, n = (int) out.length(); i < n; i++) {
            y.put(i, x.get(i) + b.get(i));
        }
    }

    @Override
    void backward() {
        body.get(body.size() - 1).dOut.assign(dOut);
        for (int i = body.size() - 1; i >= 0; i--) {
            body.get(i).backward();
        }
        if (dIn != null) {
            FloatBuffer d = fb(dOut), bd = fb(bodyDIn), di = fb(dIn);
            for (int i = 0, n = (int) dIn.length(); i < n; i++) {
                di.put(i, d.get(i) + bd.get(i));
            }
        }
    }
}
