package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.Random;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Window;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One layer made executable for a fixed batch size: its output buffer is allocated once, its
 * input is the previous layer's output buffer, and during backward it reads the gradient of its
 * output from {@link #dOut} and writes parameter gradients and (if wanted) {@link #dIn}.
 */
abstract class Exec {

    /** Convolutions with at most this many input channels run as im2col + gemm. */
    static final int IM2COL_MAX_CHANNELS = 4;
    /**
     * For inference, convolutions with at most this many output positions over the batch run
     * as im2col + gemm: at batch 1 that is 2 to 4 times faster than oneDNN's conv2d here
     * (LeNet-5's convolutions: 0.04 vs 0.07 ms and 0.07 vs 0.39 ms), from batch 32 on slower.
     */
    static final int IM2COL_MAX_INFERENCE_POSITIONS = 1024;

    final Layer layer;
    final int batch;
    final INDArray in;
    final boolean needInputGrad;
    INDArray out;
    INDArray dOut;
    INDArray dIn;

    Exec(Layer layer, INDArray in, int batch, boolean needInputGrad) {
        this.layer = layer;
        this.in = in;
        this.batch = batch;
        this.needInputGrad = needInputGrad;
    }

    abstract void forward(boolean training);

    abstract void backward();

    /**
     * Receives the buffer that will hold the gradient of this layer's output and returns the
     * buffer for the gradient of its input (null when not needed). Called last layer first.
     */
    INDArray wireBackward(INDArray gradOut) {
        this.dOut = gradOut;
        this.dIn = needInputGrad ? buffer(batch, layer.input()) : null;
        return dIn;
    }

    /** Copies the layer's state that training changed besides parameters (BatchNorm statistics). */
    void exportState() {
    }

    static INDArray buffer(int batch, Shape s) {
        return Nd4j.create(DataType.FLOAT, batchShape(batch, s), 'c');
    }

    /** A buffer for {@code batch} images of shape {@code s} in channels-last order. */
    static INDArray channelsLastBuffer(int batch, Shape s) {
        return Nd4j.create(DataType.FLOAT, new long[] {batch, s.height(), s.width(), s.channels()},
                'c');
    }

    /** {@code [batch, dims...]}. */
    static long[] batchShape(int batch, Shape s) {
        int[] d = s.dims();
        long[] shape = new long[d.length + 1];
        shape[0] = batch;
        for (int i = 0; i < d.length; i++) {
            shape[i + 1] = d[i];
        }
        return shape;
    }

    static FloatBuffer fb(INDArray a) {
        return a.data().asNioFloat();
    }

    /**
     * The activation actually applied: a final softmax or log-softmax is left to the loss
     * (logits out; the cross-entropy is the same), unless the exact outputs are wanted.
     */
    static Activation effective(Activation a, boolean last) {
        return last && (a == Activation.SOFTMAX || a == Activation.LOG_SOFTMAX)
                ? Activation.LINEAR : a;
    }

    /**
     * Whether a convolution runs as im2col + gemm rather than ND4J's conv2d ops: in training,
     * for few input channels (a first layer on images), where oneDNN's backward is several
     * times slower; for inference, for few output positions over the batch (batch 1).
     */
    private static boolean im2col(LayerSpec.Conv2D c, Layer layer, Activation act, int batch,
                                  boolean inference) {
        Window win = c.window();
        Shape out = layer.output();
        return act != Activation.SOFTMAX && act != Activation.LOG_SOFTMAX
                && win.kernelH() == win.kernelW() && win.strideH() == win.strideW()
                && (inference ? (long) batch * out.height() * out.width()
                        <= IM2COL_MAX_INFERENCE_POSITIONS
                        : layer.input().channels() <= IM2COL_MAX_CHANNELS);
    }

    /**
     * Whether a convolution with activation {@code act} runs as {@link ConvExec} (ND4J's conv2d
     * ops), rather than {@link GroupedConvExec} or {@link Im2colConvExec}; always where it fits
     * in a {@link Lanes lane} (im2col's products run on OpenBLAS).
     */
    static boolean onConvExec(LayerSpec.Conv2D c, Layer layer, Activation act, int batch,
                              boolean inference, boolean lane) {
        return ConvExec.fits(c, layer) && (lane || !im2col(c, layer, act, batch, inference));
    }

    static Exec create(Layer layer, INDArray in, int batch, ParamStore ps, boolean needInputGrad,
                       boolean last, Random random) {
        return create(layer, in, batch, ps, needInputGrad, last, random, null);
    }

    /**
     * The executor for {@code layer}; with an {@code inference} plan (forward passes only) the
     * convolutions pick the implementation fastest for forward alone, and the plan's layout
     * and activation placement apply.
     */
    static Exec create(Layer layer, INDArray in, int batch, ParamStore ps, boolean needInputGrad,
                       boolean last, Random random, InferencePlan.Step inference) {
        LayerSpec spec = layer.spec();
        if (spec instanceof LayerSpec.Dense d) {
            return new DenseExec(layer, d, in, batch, ps, needInputGrad,
                    effective(d.activation(), last), inference != null && inference.lane());
        } else if (spec instanceof LayerSpec.Conv2D c) {
            Activation act = effective(c.activation(), last);
            if (onConvExec(c, layer, act, batch, inference != null,
                    inference != null && inference.lane())) {
                return new ConvExec(layer, c, in, batch, ps, needInputGrad, act, inference);
            }
            if (!ConvExec.fits(c, layer)) {
                return new GroupedConvExec(layer, c, in, batch, ps, needInputGrad, act);
            }
            return new Im2colConvExec(layer, c, in, batch, ps, needInputGrad, act,
                    inference != null);
        } else if (spec instanceof LayerSpec.Pool p) {
            return new PoolExec(layer, p, in, batch, needInputGrad, inference);
        } else if (spec instanceof LayerSpec.Flatten && inference != null
                && inference.channelsLast()) {
            return new FlattenExec(layer, in, batch);
        } else if (spec instanceof LayerSpec.Flatten || spec instanceof LayerSpec.Reshape) {
            return new FlattenExec(layer, in, batch, needInputGrad);
        } else if (spec instanceof LayerSpec.Act a) {
            return new ActExec(layer, in, batch, needInputGrad, effective(a.activation(), last));
        } else if (spec instanceof LayerSpec.Dropout d) {
            return new DropoutExec(layer, d.rate(), in, batch, needInputGrad,
                    new Random(random.nextLong()));
        } else if (spec instanceof LayerSpec.BatchNorm b) {
            return new BatchNormExec(layer, b, in, batch, ps, needInputGrad);
        } else if (spec instanceof LayerSpec.Residual) {
            return new ResidualExec(layer, in, batch, ps, needInputGrad, random);
        } else if (spec instanceof LayerSpec.Branch b) {
            return new BranchExec(layer, b, in, batch, ps, needInputGrad, random);
        } else if (spec instanceof LayerSpec.GlobalPool g) {
            return new GlobalPoolExec(layer, g, in, batch, needInputGrad);
        } else if (spec instanceof LayerSpec.Affine || spec instanceof LayerSpec.Clip) {
            return PointwiseExec.of(layer, in, batch, needInputGrad);
        }
        throw new IllegalStateException("no executor for " + spec);
    }
}
