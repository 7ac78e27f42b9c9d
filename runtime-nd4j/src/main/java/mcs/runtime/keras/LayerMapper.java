package mcs.runtime.keras;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Window;

/**
 * Turns Keras layers, laid out as {@link Step}s, into mcs layer specs with their weights in
 * mcs order. It walks the layers with the current mcs shape and, for vectors made by
 * flattening an image, the order of their features in Keras ({@link KernelLayout#flattenOrder}),
 * so that the next Dense or BatchNormalization reads its weights in the mcs order. Layers it
 * cannot import are collected and reported together.
 */
final class LayerMapper {

    /**
     * The data between layers: the mcs shape, and for a vector made by flattening an image,
     * that image (null when the orders agree). The order itself is only made by the layer that
     * reads weights in it, once the file has shown it holds that many weights: a damaged
     * configuration may declare an image far larger than anything in the file.
     */
    record State(Shape shape, Shape flattened) {
        State withOrder(Shape image) {
            return new State(shape, image);
        }

        /** Entry {@code r} is the Keras index of mcs feature {@code r} (flattened not null). */
        int[] order() {
            return KernelLayout.flattenOrder(flattened.channels(), flattened.height(),
                    flattened.width());
        }
    }

    private final String source;
    private final Weights weights;
    private final Map<LayerSpec, Map<String, float[]>> params = new IdentityHashMap<>();
    private final List<String> problems = new ArrayList<>();

    LayerMapper(String source, Weights weights) {
        this.source = source;
        this.weights = weights;
    }

    /** The weights of each created spec by parameter suffix ({@code kernel}, {@code gamma}). */
    Map<LayerSpec, Map<String, float[]>> params() {
        return params;
    }

    /** Layers that could not be imported, each as {@code name (Class: why)}. */
    List<String> problems() {
        return problems;
    }

    /**
     * Appends the specs for these steps to {@code out}; returns the state after them, or null
     * once a layer could not be imported (the rest is then only checked for support).
     */
    State map(List<Step> steps, State in, List<LayerSpec> out) {
        State s = in;
        for (Step step : steps) {
            if (step instanceof Step.Single single) {
                s = single(new LayerConfig(single.node()), s, out);
            } else {
                s = fork((Step.Fork) step, s, out);
            }
        }
        return s;
    }

    private State single(LayerConfig c, State s, List<LayerSpec> out) {
        if (!KerasLayers.SUPPORTED.contains(c.className())) {
            problems.add(c.name() + " (" + c.className() + ")");
            return null;
        }
        if (s == null) {
            if (c.has("activation") && activationProblem(c) != null) {
                problems.add(c.name() + " (" + c.className() + ": " + activationProblem(c) + ")");
            }
            return null;
        }
        try {
            return KerasLayers.map(this, c, s, out);
        } catch (Unsupported e) {
            problems.add(c.name() + " (" + c.className() + ": " + e.getMessage() + ")");
            return null;
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": layer " + c.name() + " ("
                    + c.className() + "): " + e.getMessage(), e);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException
                 | NumberFormatException | NullPointerException e) {
            throw new InvalidInputException(source + ": layer " + c.name() + " ("
                    + c.className() + "): malformed config (" + e.getMessage() + ")", e);
        }
    }

    private State fork(Step.Fork f, State s, List<LayerSpec> out) {
        LayerConfig m = new LayerConfig(f.merge());
        LayerSpec.Branch.Merge merge = KerasLayers.merge(m, s);
        if (merge == null) {
            problems.add(m.name() + " (" + m.className() + ")");
        }
        if (s != null && s.flattened() != null) {
            problems.add(m.name() + " (" + m.className() + ": merging flattened image features)");
            s = null;
        }
        List<List<LayerSpec>> paths = new ArrayList<>();
        boolean ok = s != null && merge != null;
        for (List<Step> p : f.paths()) {
            List<LayerSpec> specs = new ArrayList<>();
            State end = map(p, s, specs);
            ok &= end != null && end.flattened() == null;
            paths.add(specs);
        }
        if (!ok) {
            return null;
        }
        LayerSpec spec = branch(paths, merge);
        out.add(spec);
        try {
            return new State(spec.outputShape(s.shape()), null);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": layer " + m.name() + " ("
                    + m.className() + "): " + e.getMessage(), e);
        }
    }

    /** A residual block for x + f(x), else a general branch. */
    private static LayerSpec branch(List<List<LayerSpec>> paths, LayerSpec.Branch.Merge merge) {
        if (merge == LayerSpec.Branch.Merge.ADD && paths.size() == 2) {
            for (int i = 0; i < 2; i++) {
                if (paths.get(i).isEmpty() && !paths.get(1 - i).isEmpty()) {
                    return new LayerSpec.Residual(paths.get(1 - i));
                }
            }
        }
        return new LayerSpec.Branch(paths, merge);
    }

    /** Adds a spec with its weights; returns its output state. */
    State add(List<LayerSpec> out, LayerSpec spec, State in, Map<String, float[]> w) {
        out.add(spec);
        params.put(spec, new LinkedHashMap<>(w));
        return new State(spec.outputShape(in.shape()), null);
    }

    /** The stored weight of this layer whose short name ends with one of the suffixes. */
    float[] weight(LayerConfig c, long size, String... suffixes) {
        H5File.Weight w = weights.find(c.name(), suffixes);
        if (w == null) {
            throw new InvalidInputException("no " + suffixes[0] + " weights for it in "
                    + weights.source());
        }
        if (w.values().length != size) {
            throw new InvalidInputException("its " + suffixes[0] + " in " + weights.source()
                    + " has shape " + java.util.Arrays.toString(w.shape()) + " ("
                    + w.values().length + " values); " + size + " expected");
        }
        return w.values();
    }

    /** Like {@link #weight} but null when the layer has no such weight. */
    float[] optionalWeight(LayerConfig c, long size, String... suffixes) {
        return weights.find(c.name(), suffixes) == null ? null : weight(c, size, suffixes);
    }

    /** A window from kernel size, strides and padding; rejects what mcs cannot express. */
    static Window window(int[] k, int[] strides, Padding padding) {
        if (padding == null) {
            throw new Unsupported("padding other than valid or same");
        }
        int[] s = strides == null ? k : strides;
        return new Window(k[0], k[1], s[0], s[1], padding, 0, 0, 0, 0);
    }

    private static String activationProblem(LayerConfig c) {
        try {
            activation(c);
            return null;
        } catch (Unsupported e) {
            return e.getMessage();
        }
    }

    static Activation activation(LayerConfig c) {
        String name = c.activationName();
        Activation a = name == null ? null : LayerConfig.activation(name);
        if (a == null) {
            throw new Unsupported("activation " + name);
        }
        return a;
    }

    /** A Keras layer or setting that mcs has no equivalent for. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }
}
