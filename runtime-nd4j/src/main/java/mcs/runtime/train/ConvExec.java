package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.analysis.Macs;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Window;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A channels-first convolution through ND4J's conv2d / conv2d_bp ops (oneDNN), built once and
 * re-run on the same buffers; the activation is a Java loop. In inference, small convolutions
 * run forward on one thread ({@link #ONE_THREAD_MAX_MACS}) and the {@link InferencePlan} may
 * choose channels-last images and a ReLU after the pool. Only for one group and symmetric pads
 * ({@link #fits}); {@link GroupedConvExec} does the rest.
 */
final class ConvExec extends Exec {

    /**
     * Inference convolutions below this many multiply-accumulates run on one thread: waking
     * the second one costs more than it saves (LeNet-5 at batch 32, 2 cores: the second
     * convolution with half its filters, 12.8 M, 0.40 instead of 0.58 ms; the dense one, 51 M,
     * is faster on two).
     */
    static final long ONE_THREAD_MAX_MACS = 1L << 25;

    private final Activation act;
    private final int[] args;
    private final INDArray w;
    private final INDArray b;
    private final INDArray dw;
    private final INDArray db;
    private final FloatBuffer fOut;
    private final DynamicCustomOp forwardOp;
    /** Whether forward runs on the calling thread alone (small convolutions in inference). */
    private final boolean oneThread;
    private DynamicCustomOp backwardOp;
    private INDArray scratchDIn;

    ConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
             boolean needInputGrad, Activation act) {
        this(layer, spec, in, batch, ps, needInputGrad, act, null);
    }

    /**
     * With an {@code inference} step, a convolution of fewer than {@link #ONE_THREAD_MAX_MACS}
     * multiply-accumulates over the batch runs forward on one thread, images may be in
     * channels-last order and the activation may be left to the pool after it.
     */
    ConvExec(Layer layer, LayerSpec.Conv2D spec, INDArray in, int batch, ParamStore ps,
             boolean needInputGrad, Activation act, InferencePlan.Step inference) {
        super(layer, in, batch, needInputGrad);
        boolean channelsLast = inference != null && inference.channelsLast();
        this.act = inference != null && inference.deferActivation() ? Activation.LINEAR : act;
        Window win = spec.window();
        String kernel = layer.name() + ".kernel", bias = layer.name() + ".bias";
        long[] wShape = {spec.filters(), layer.input().channels(), win.kernelH(), win.kernelW()};
        this.w = ps.param(kernel, wShape);
        this.dw = ps.grad(kernel, wShape);
        this.b = ps.param(bias, spec.filters());
        this.db = ps.grad(bias, spec.filters());
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, data format NCHW or NHWC,
        // weights [out, in, kH, kW]
        int[] pads = win.pads(layer.input().height(), layer.input().width());
        this.args = new int[] {win.kernelH(), win.kernelW(), win.strideH(), win.strideW(),
            pads[0], pads[1], 1, 1, win.padding() == Padding.SAME ? 1 : 0, channelsLast ? 1 : 0, 1};
        this.out = channelsLast ? channelsLastBuffer(batch, layer.output())
                : buffer(batch, layer.output());
        this.fOut = fb(out);
        this.forwardOp = DynamicCustomOp.builder("conv2d").addInputs(in, w, b).addOutputs(out)
                .addIntegerArguments(args).build();
        this.oneThread = inference != null && batch * Macs.of(layer) < ONE_THREAD_MAX_MACS;
    }

    /** Whether ND4J's conv2d can run this layer: one group, same pads before and after. */
    static boolean fits(LayerSpec.Conv2D spec, Layer layer) {
        int[] p = spec.window().pads(layer.input().height(), layer.input().width());
        return spec.groups() == 1 && (spec.padding() == Padding.SAME || (p[0] == p[2] && p[1] == p[3]));
    }

    @Override
    void forward(boolean training) {
        Kernels.exec(forwardOp, oneThread);
        if (act != Activation.LINEAR) {
            // one row per sample: a softmax normalises over each sample's whole output
            Kernels.biasActivate(fOut, batch, 1, layer.output().size(), null, -1, act);
        }
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        scratchDIn = d != null ? d : buffer(batch, layer.input());
        backwardOp = DynamicCustomOp.builder("conv2d_bp").addInputs(in, w, b, gradOut)
                .addOutputs(scratchDIn, dw, db).addIntegerArguments(args).build();
        return d;
    }

    @Override
    void backward() {
        if (act != Activation.LINEAR) {
            Kernels.activationBackward(fb(dOut), fOut, (int) out.length(),
                    layer.output().size(), act);
        }
        Nd4j.exec(backwardOp);
    }
}
