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

    /**
     * A 2-D convolution, channels first, kernel {@code [filters, in / groups, kh, kw]}: groups
     * split input and output channels into independent convolutions (groups = input channels =
     * a depthwise convolution).
     */
    record Conv2D(int filters, Window window, int groups, Activation activation)
            implements LayerSpec {
        public Conv2D {
            positive("conv: filters", filters);
            positive("conv: groups", groups);
            if (filters % groups != 0) {
                throw new InvalidInputException("conv: " + filters + " filters cannot be split into "
                        + groups + " groups");
            }
        }

        /** A square kernel and stride, no groups. */
        public Conv2D(int filters, int kernel, int stride, Padding padding, Activation activation) {
            this(filters, Window.square(kernel, stride, padding), 1, activation);
        }

        /** The kernel height (the size, for square kernels). */
        public int kernel() {
            return window.kernelH();
        }

        /** The vertical stride (the stride, for square windows). */
        public int stride() {
            return window.strideH();
        }

        public Padding padding() {
            return window.padding();
        }

        public String kind() {
            return "conv";
        }

        public Shape outputShape(Shape in) {
            requireImage("conv", in);
            if (in.channels() % groups != 0) {
                throw new InvalidInputException("conv: " + in.channels()
                        + " input channels cannot be split into " + groups + " groups");
            }
            int[] o = window.outSize(in.height(), in.width(), false);
            if (o[0] < 1 || o[1] < 1) {
                throw new InvalidInputException("conv: a " + window.kernelH() + "x"
                        + window.kernelW() + " kernel does not fit an input of " + in);
            }
            return Shape.image(filters, o[0], o[1]);
        }

        /** Zero rows/columns added before the input (top), Keras/TF style. */
        public int padBefore(int inSize) {
            return window.pads(inSize, inSize)[0];
        }

        public List<ParamDecl> params(Shape in) {
            return List.of(new ParamDecl("kernel", TensorRole.KERNEL, new int[] {filters,
                            in.channels() / groups, window.kernelH(), window.kernelW()}),
                    new ParamDecl("bias", TensorRole.BIAS, new int[] {filters}));
        }

        public String describe() {
            return "conv " + filters + "@" + window.describe()
                    + (groups > 1 ? " groups " + groups : "") + suffix(activation);
        }
    }

    /**
     * Max or average pooling; pads never count (max ignores them, average divides by the
     * number of real inputs in the window); {@code ceil} rounds the output size up.
     */
    record Pool(boolean max, Window window, boolean ceil) implements LayerSpec {

        /** Square windows, no padding. */
        public Pool(boolean max, int size, int stride) {
            this(max, Window.square(size, stride, Padding.VALID), false);
        }

        /** Square windows with valid or same (Keras) padding. */
        public Pool(boolean max, int size, int stride, Padding padding) {
            this(max, Window.square(size, stride, padding), false);
        }

        public int size() {
            return window.kernelH();
        }

        public int stride() {
            return window.strideH();
        }

        public String kind() {
            return max ? "maxpool" : "avgpool";
        }

        public Shape outputShape(Shape in) {
            requireImage(kind(), in);
            int[] o = window.outSize(in.height(), in.width(), ceil);
            if (o[0] < 1 || o[1] < 1) {
                throw new InvalidInputException(kind() + ": a " + window.kernelH() + "x"
                        + window.kernelW() + " window does not fit an input of " + in);
            }
            return Shape.image(in.channels(), o[0], o[1]);
        }

        public String describe() {
            if (window.isSquare() && window.padding() == Padding.VALID && !ceil
                    && window.padTop() + window.padLeft() + window.padBottom()
                    + window.padRight() == 0) {
                return kind() + " " + size() + (stride() != size() ? " stride " + stride() : "");
            }
            return kind() + " " + window.describe() + (ceil ? " ceil" : "");
        }
    }

    /** Average (or max) over each channel's whole plane: [c, h, w] to [c, 1, 1] or [c]. */
    record GlobalPool(boolean max, boolean keepDims) implements LayerSpec {
        public String kind() {
            return max ? "globalmaxpool" : "globalavgpool";
        }

        public Shape outputShape(Shape in) {
            requireImage(kind(), in);
            return keepDims ? Shape.image(in.channels(), 1, 1) : Shape.of(in.channels());
        }

        public String describe() {
            return kind();
        }
    }

    /** Gives a sample another shape with the same values in the same (row-major) order. */
    record Reshape(Shape target) implements LayerSpec {
        public String kind() {
            return "reshape";
        }

        public Shape outputShape(Shape in) {
            if (in.size() != target.size()) {
                throw new InvalidInputException("reshape: cannot turn " + in + " (" + in.size()
                        + " values) into " + target + " (" + target.size() + " values)");
            }
            return target;
        }

        public String describe() {
            return "reshape " + java.util.Arrays.toString(target.dims());
        }
    }

    /** {@code y = x * scale + shift} element-wise (scalars). */
    record Affine(double scale, double shift) implements LayerSpec {
        public String kind() {
            return "affine";
        }

        public Shape outputShape(Shape in) {
            return in;
        }

        public String describe() {
            return "affine *" + scale + " +" + shift;
        }
    }

    /** {@code y = min(max(x, min), max)}; relu6 is clip(0, 6). */
    record Clip(double min, double max) implements LayerSpec {
        public Clip {
            if (!(min <= max)) {
                throw new InvalidInputException("clip: min " + min + " is above max " + max);
            }
        }

        public String kind() {
            return "clip";
        }

        public Shape outputShape(Shape in) {
            return in;
        }

        public String describe() {
            return "clip " + min + " " + max;
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
            if ((activation == Activation.SOFTMAX || activation == Activation.LOG_SOFTMAX)
                    && in.rank() != 1) {
                throw new InvalidInputException(activation.label()
                        + " expects a vector input but gets " + in);
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

    /**
     * Parallel paths from the same input, merged: {@code add} and {@code mul} element-wise (a
     * [c, 1, 1] or [c] result broadcasts over a [c, h, w] one), {@code concat} along channels
     * (the first axis). An empty path is the input itself (a skip connection).
     */
    record Branch(List<List<LayerSpec>> paths, Merge merge) implements LayerSpec {

        /** How the paths' outputs are combined. */
        public enum Merge {
            ADD, MUL, CONCAT;

            public String label() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        public Branch {
            List<List<LayerSpec>> copy = new java.util.ArrayList<>();
            for (List<LayerSpec> p : paths) {
                copy.add(List.copyOf(p));
            }
            paths = List.copyOf(copy);
            if (paths.size() < 2) {
                throw new InvalidInputException("branch: needs at least two paths");
            }
        }

        public String kind() {
            return "branch";
        }

        /** The output shape of each path for this input. */
        public List<Shape> pathShapes(Shape in) {
            List<Shape> out = new java.util.ArrayList<>();
            for (List<LayerSpec> p : paths) {
                Shape s = in;
                for (LayerSpec l : p) {
                    s = l.outputShape(s);
                }
                out.add(s);
            }
            return out;
        }

        public Shape outputShape(Shape in) {
            List<Shape> shapes = pathShapes(in);
            Shape first = shapes.get(0);
            if (merge == Merge.CONCAT) {
                int channels = 0;
                for (Shape s : shapes) {
                    int[] a = s.dims(), b = first.dims();
                    a[0] = 0;
                    b[0] = 0;
                    if (!java.util.Arrays.equals(a, b)) {
                        throw new InvalidInputException("branch: cannot concatenate " + shapes);
                    }
                    channels += s.dim(0);
                }
                int[] d = first.dims();
                d[0] = channels;
                return new Shape(d);
            }
            Shape widest = first;
            for (Shape s : shapes) {
                widest = s.size() > widest.size() ? s : widest;
            }
            for (Shape s : shapes) {
                if (!broadcasts(s, widest)) {
                    throw new InvalidInputException("branch: cannot " + merge.label() + " "
                            + shapes);
                }
            }
            return widest;
        }

        /** Whether {@code s} equals {@code to} or is [c, 1, 1] / [c] / [1] against [c, h, w]. */
        public static boolean broadcasts(Shape s, Shape to) {
            if (s.equals(to) || s.size() == 1) {
                return true;
            }
            return to.isImage() && s.dim(0) == to.channels() && s.size() == to.channels();
        }

        public String describe() {
            return "branch " + merge.label() + " (" + paths.size() + " paths)";
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
