package mcs.runtime.model;

import java.util.List;
import mcs.runtime.InvalidInputException;

/**
 * What a layer is, independent of its weights: enough to infer output shapes and declare
 * parameters. Tensors are named {@code <layer>.<suffix>}; kernels are stored row-major as
 * {@code [in, out]} for Dense and {@code [out, in, k, k]} for Conv2D.
 */
public sealed interface LayerSpec {

    /** Short kind used in layer names and summaries: {@code dense}, {@code conv}, ... */
    String kind();

    /** The output shape for this input shape, or a clear error when they do not fit. */
    Shape outputShape(Shape in);

    /** The parameters this layer needs for this input shape. */
    default List<ParamDecl> params(Shape in) {
        return List.of();
    }

    /** One-line description for summaries: {@code conv 20@5x5}, {@code dense 500 relu}. */
    String describe();

    /** A fully connected layer: {@code y = act(x W + b)}. */
    record Dense(int units, Activation activation) implements LayerSpec {
        public Dense {
            positive("dense: units", units);
        }

        public String kind() {
            return "dense";
        }

        public Shape outputShape(Shape in) {
            if (in.rank() != 1) {
                throw new InvalidInputException("dense expects a vector input but gets " + in
                        + "; add flatten() before it");
            }
            return Shape.of(units);
        }

        public List<ParamDecl> params(Shape in) {
            return List.of(new ParamDecl("kernel", TensorRole.KERNEL, new int[] {in.dim(0), units}),
                    new ParamDecl("bias", TensorRole.BIAS, new int[] {units}));
        }

        public String describe() {
            return "dense " + units + suffix(activation);
        }
    }

    /** A 2-D convolution with square kernels, channels first. */
    record Conv2D(int filters, int kernel, int stride, Padding padding, Activation activation)
            implements LayerSpec {
        public Conv2D {
            positive("conv: filters", filters);
            positive("conv: kernel size", kernel);
            positive("conv: stride", stride);
        }

        public String kind() {
            return "conv";
        }

        public Shape outputShape(Shape in) {
            requireImage("conv", in);
            int h = outSize(in.height()), w = outSize(in.width());
            if (h < 1 || w < 1) {
                throw new InvalidInputException("conv: a " + kernel + "x" + kernel
                        + " kernel does not fit an input of " + in);
            }
            return Shape.image(filters, h, w);
        }

        private int outSize(int n) {
            return padding == Padding.SAME ? (n + stride - 1) / stride : (n - kernel) / stride + 1;
        }

        /** Zero rows/columns added before the input (top/left), Keras/TF style. */
        public int padBefore(int inSize) {
            if (padding == Padding.VALID) {
                return 0;
            }
            int out = outSize(inSize);
            return Math.max(0, (out - 1) * stride + kernel - inSize) / 2;
        }

        public List<ParamDecl> params(Shape in) {
            return List.of(new ParamDecl("kernel", TensorRole.KERNEL,
                            new int[] {filters, in.channels(), kernel, kernel}),
                    new ParamDecl("bias", TensorRole.BIAS, new int[] {filters}));
        }

        public String describe() {
            return "conv " + filters + "@" + kernel + "x" + kernel
                    + (stride > 1 ? " stride " + stride : "")
                    + (padding == Padding.SAME ? " same" : "") + suffix(activation);
        }
    }

    /** Max or average pooling over square windows (no padding). */
    record Pool(boolean max, int size, int stride) implements LayerSpec {
        public Pool {
            positive("pool: size", size);
            positive("pool: stride", stride);
        }

        public String kind() {
            return max ? "maxpool" : "avgpool";
        }

        public Shape outputShape(Shape in) {
            requireImage(kind(), in);
            int h = (in.height() - size) / stride + 1, w = (in.width() - size) / stride + 1;
            if (in.height() < size || in.width() < size) {
                throw new InvalidInputException(kind() + ": a " + size + "x" + size
                        + " window does not fit an input of " + in);
            }
            return Shape.image(in.channels(), h, w);
        }

        public String describe() {
            return kind() + " " + size + (stride != size ? " stride " + stride : "");
        }
    }

    /** Reshapes an image to a vector (channels-first order). */
    record Flatten() implements LayerSpec {
        public String kind() {
            return "flatten";
        }

        public Shape outputShape(Shape in) {
            return Shape.of(in.size());
        }

        public String describe() {
            return "flatten";
        }
    }

    /** An activation on its own. */
    record Act(Activation activation) implements LayerSpec {
        public String kind() {
            return activation.label();
        }

        public Shape outputShape(Shape in) {
            if (activation == Activation.SOFTMAX && in.rank() != 1) {
                throw new InvalidInputException("softmax expects a vector input but gets " + in);
            }
            return in;
        }

        public String describe() {
            return activation.label();
        }
    }

    /** Batch normalisation over channels (images) or features (vectors). */
    record BatchNorm(double epsilon, double momentum) implements LayerSpec {
        public BatchNorm {
            if (!(epsilon > 0) || !(momentum >= 0 && momentum < 1)) {
                throw new InvalidInputException("batchnorm: epsilon must be > 0 and momentum in [0, 1)");
            }
        }

        public String kind() {
            return "batchnorm";
        }

        public Shape outputShape(Shape in) {
            return in;
        }

        public List<ParamDecl> params(Shape in) {
            int[] c = {in.dim(0)};
            return List.of(new ParamDecl("gamma", TensorRole.GAMMA, c),
                    new ParamDecl("beta", TensorRole.BETA, c),
                    new ParamDecl("moving_mean", TensorRole.MOVING_MEAN, c),
                    new ParamDecl("moving_variance", TensorRole.MOVING_VARIANCE, c));
        }

        public String describe() {
            return "batchnorm";
        }
    }

    /** Zeroes a fraction of activations while training, scaling the rest (inverted dropout). */
    record Dropout(double rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) {
                throw new InvalidInputException("dropout: rate must be in [0, 1), got " + rate);
            }
        }

        public String kind() {
            return "dropout";
        }

        public Shape outputShape(Shape in) {
            return in;
        }

        public String describe() {
            return "dropout " + rate;
        }
    }

    /** A ResNet-style block: {@code y = x + body(x)}; the body must keep the shape. */
    record Residual(List<LayerSpec> body) implements LayerSpec {
        public Residual {
            body = List.copyOf(body);
            if (body.isEmpty()) {
                throw new InvalidInputException("residual: needs at least one layer");
            }
        }

        public String kind() {
            return "residual";
        }

        public Shape outputShape(Shape in) {
            Shape s = in;
            for (LayerSpec l : body) {
                s = l.outputShape(s);
            }
            if (!s.equals(in)) {
                throw new InvalidInputException("residual: the block turns " + in + " into " + s
                        + "; its layers must keep the shape so the input can be added");
            }
            return in;
        }

        public String describe() {
            return "residual (" + body.size() + " layers)";
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new InvalidInputException(what + " must be at least 1, got " + v);
        }
    }

    private static void requireImage(String kind, Shape in) {
        if (!in.isImage()) {
            throw new InvalidInputException(kind + " expects an image input (height, width, "
                    + "channels) but gets " + in);
        }
    }

    private static String suffix(Activation a) {
        return a == Activation.LINEAR ? "" : " " + a.label();
    }
}
