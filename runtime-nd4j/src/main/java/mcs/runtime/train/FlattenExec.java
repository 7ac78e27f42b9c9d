package mcs.runtime.train;

import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flatten or reshape: output and input gradient are views of the neighbouring buffers in the
 * layer's output shape, nothing runs.
 */
final class FlattenExec extends Exec {

    FlattenExec(Layer layer, INDArray in, int batch, boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.out = in.reshape('c', batchShape(batch, layer.output()));
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        this.dOut = gradOut;
        this.dIn = needInputGrad ? gradOut.reshape('c', in.shape()) : null;
        return dIn;
    }

    @Override
    void forward(boolean training) {
    }

    @Override
    void backward() {
    }
}
