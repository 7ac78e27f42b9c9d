package mcs.runtime.train;

import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A reshape: output and input gradient are views of the neighbouring buffers, nothing runs. */
final class FlattenExec extends Exec {

    FlattenExec(Layer layer, INDArray in, int batch, boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.out = in.reshape('c', batch, layer.output().dim(0));
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
