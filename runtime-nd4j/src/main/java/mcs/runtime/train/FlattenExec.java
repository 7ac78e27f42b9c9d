package mcs.runtime.train;

import mcs.runtime.model.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A flatten or reshape: output and input gradient are views of the neighbouring buffers in the
 * layer's output shape, nothing runs; only a flatten of channels-last images (inference)
 * copies, into channels-first order.
 */
final class FlattenExec extends Exec {

    /** Whether the input is channels-last images, put back in NCHW order when flattened. */
    private final boolean channelsLast;

    FlattenExec(Layer layer, INDArray in, int batch, boolean needInputGrad) {
        super(layer, in, batch, needInputGrad);
        this.channelsLast = false;
        this.out = in.reshape('c', batchShape(batch, layer.output()));
    }

    /**
     * A flatten of channels-last images (inference): the output holds each sample's values in
     * the NCHW order a flatten of channels-first images gives.
     */
    FlattenExec(Layer layer, INDArray in, int batch) {
        super(layer, in, batch, false);
        this.channelsLast = true;
        this.out = buffer(batch, layer.output());
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        this.dOut = gradOut;
        this.dIn = needInputGrad ? gradOut.reshape('c', in.shape()) : null;
        return dIn;
    }

    @Override
    void forward(boolean training) {
        if (channelsLast) {
            Kernels.transposeSamples(fb(in), fb(out), batch, layer.input().height()
                    * layer.input().width(), layer.input().channels());
        }
    }

    @Override
    void backward() {
    }
}
