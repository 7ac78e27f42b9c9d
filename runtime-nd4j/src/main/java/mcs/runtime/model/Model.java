package mcs.runtime.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.data.Dataset;
import mcs.runtime.quant.QuantSpec;

/**
 * A neural network as an immutable value: layers, their parameter tensors (with compression
 * state), an optional pruning plan waiting for training, the data it was trained on, and the
 * history of what was done to it. Every transform returns a new model.
 */
public final class Model {

    private final String name;
    private final Shape input;
    private final List<Layer> layers;
    private final Map<String, Tensor> tensors;
    private final PruningPlan plan;
    private final Dataset trainedOn;
    private final List<String> history;
    private final Map<String, QuantSpec> activations;

    private Model(String name, Shape input, List<Layer> layers, Map<String, Tensor> tensors,
                  PruningPlan plan, Dataset trainedOn, List<String> history) {
        this(name, input, layers, tensors, plan, trainedOn, history, Map.of());
    }

    private Model(String name, Shape input, List<Layer> layers, Map<String, Tensor> tensors,
                  PruningPlan plan, Dataset trainedOn, List<String> history,
                  Map<String, QuantSpec> activations) {
        this.name = name;
        this.input = input;
        this.layers = List.copyOf(layers);
        this.tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.plan = plan;
        this.trainedOn = trainedOn;
        this.history = List.copyOf(history);
        this.activations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(activations));
    }

    /**
     * Builds a sequential model, naming layers by kind ({@code conv1}, {@code dense2}) and
     * initialising weights as Keras does (Glorot uniform kernels, zero biases), from {@code seed}.
     */
    public static Model sequential(String name, Shape input, List<LayerSpec> specs, long seed) {
        Random random = new Random(seed);
        return sequential(name, input, specs,
                (tensorName, p) -> Tensor.of(tensorName, p.role(), p.shape(),
                        Initializer.initial(p, random)));
    }

    /** Where {@link #sequential(String, Shape, List, TensorSource)} gets each parameter. */
    @FunctionalInterface
    public interface TensorSource {
        /** The tensor named {@code tensorName} of the shape and role {@code p} declares. */
        Tensor tensor(String tensorName, ParamDecl p);
    }

    /**
     * Builds a sequential model as {@link #sequential(String, Shape, List, long)} does, taking
     * each parameter, in layer order, from {@code source} instead of initialising it. The
     * parameters the layers declare are checked against the memory limits before the source is
     * asked for any.
     */
    public static Model sequential(String name, Shape input, List<LayerSpec> specs,
                                   TensorSource source) {
        if (specs.isEmpty()) {
            throw new InvalidInputException("a model needs at least one layer");
        }
        Map<String, Integer> counters = new HashMap<>();
        List<Layer> layers = build(specs, input, counters);
        requireMemory(layers);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Layer l : flatten(layers)) {
            for (ParamDecl p : l.params()) {
                String tn = l.tensorName(p);
                tensors.put(tn, source.tensor(tn, p));
            }
        }
        return new Model(name, input, layers, tensors, null, null, List.of());
    }

    /** Refuses, before allocating anything, parameters the heap or a Java array cannot hold. */
    private static void requireMemory(List<Layer> layers) {
        long values = 0;
        for (Layer l : flatten(layers)) {
            for (ParamDecl p : l.params()) {
                values += p.count();
            }
        }
        Memory.requireHeap(String.format(Locale.ROOT, "the model's %,d parameters",
                values), values * Float.BYTES);
        for (Layer l : flatten(layers)) {
            for (ParamDecl p : l.params()) {
                Memory.requireArray(l.tensorName(p), p.count());
            }
        }
    }

    private static List<Layer> build(List<LayerSpec> specs, Shape in, Map<String, Integer> counters) {
        List<Layer> out = new ArrayList<>();
        Shape s = in;
        for (LayerSpec spec : specs) {
            int n = counters.merge(spec.kind(), 1, Integer::sum);
            String layerName = spec.kind() + n;
            Shape o;
            try {
                o = spec.outputShape(s);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("layer " + (out.size() + 1) + " (" + layerName
                        + "): " + e.getMessage(), e);
            }
            List<Layer> children = new ArrayList<>();
            if (spec instanceof LayerSpec.Residual r) {
                children.addAll(build(r.body(), s, counters));
            } else if (spec instanceof LayerSpec.Branch b) {
                for (List<LayerSpec> path : b.paths()) {
                    children.addAll(build(path, s, counters));
                }
            }
            out.add(new Layer(layerName, spec, s, o, children));
            s = o;
        }
        return out;
    }

    private static List<Layer> flatten(List<Layer> layers) {
        List<Layer> all = new ArrayList<>();
        for (Layer l : layers) {
            l.flattenInto(all);
        }
        return all;
    }

    public String name() {
        return name;
    }

    public Shape input() {
        return input;
    }

    public Shape output() {
        return layers.get(layers.size() - 1).output();
    }

    /** Top-level layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Every layer, residual bodies and branch paths included, in execution order. */
    public List<Layer> allLayers() {
        return flatten(layers);
    }

    public Collection<Tensor> tensors() {
        return tensors.values();
    }

    public Tensor tensor(String tensorName) {
        Tensor t = tensors.get(tensorName);
        if (t == null) {
            throw new IllegalArgumentException("no tensor " + tensorName);
        }
        return t;
    }

    /** The pruning plan waiting for training, or null. */
    public PruningPlan plan() {
        return plan;
    }

    /** The dataset this model was last trained on, or null. */
    public Dataset trainedOn() {
        return trainedOn;
    }

    public List<String> history() {
        return history;
    }

    /** All parameters, trainable or not (as Keras counts "total params"). */
    public long paramCount() {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += t.size();
        }
        return n;
    }

    public long nonzeros() {
        long n = 0;
        for (Tensor t : tensors.values()) {
            n += t.nonzeros();
        }
        return n;
    }

    /** Fraction of zeros over the kernels of Dense and Conv layers (biases excluded). */
    public double sparsity() {
        long total = 0, zeros = 0;
        for (Tensor t : tensors.values()) {
            if (t.role() == TensorRole.KERNEL) {
                total += t.size();
                zeros += t.size() - t.nonzeros();
            }
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    /** A copy where the given tensors replace those of the same name. */
    public Model withTensors(Collection<Tensor> replacements) {
        Map<String, Tensor> m = new LinkedHashMap<>(tensors);
        for (Tensor t : replacements) {
            if (!m.containsKey(t.name())) {
                throw new IllegalArgumentException("no tensor " + t.name() + " in " + name);
            }
            m.put(t.name(), t);
        }
        return new Model(name, input, layers, m, plan, trainedOn, history, activations);
    }

    public Model withPlan(PruningPlan newPlan) {
        return new Model(name, input, layers, tensors, newPlan, trainedOn, history, activations);
    }

    public Model withTrainedOn(Dataset data) {
        return new Model(name, input, layers, tensors, plan, data, history, activations);
    }

    /** A copy with one more entry in its history, e.g. {@code prune 0.8 poly}. */
    public Model withHistory(String step) {
        List<String> h = new ArrayList<>(history);
        h.add(step);
        return new Model(name, input, layers, tensors, plan, trainedOn, h, activations);
    }

    /**
     * Quantisation of activations for static (integer) inference: the spec of a layer's output
     * by layer name, and of the model's input under {@link #INPUT}. Empty for float inference.
     */
    public Map<String, QuantSpec> activations() {
        return activations;
    }

    /** The key of the model input in {@link #activations()}. */
    public static final String INPUT = "input";

    public Model withActivations(Map<String, QuantSpec> specs) {
        return new Model(name, input, layers, tensors, plan, trainedOn, history, specs);
    }

    /** The top-level layer specs, in order (residual bodies inside their blocks). */
    public List<LayerSpec> specs() {
        List<LayerSpec> out = new ArrayList<>();
        for (Layer l : layers) {
            out.add(l.spec());
        }
        return out;
    }

    /**
     * The same model with other layers (named as {@link #sequential} names them) and these
     * tensors, one for every parameter the new layers declare; name, history and training data
     * are kept, a pruning plan and activation quantisation are dropped. For transforms that
     * change the architecture (structured pruning, factorisation, import).
     */
    public Model rebuilt(List<LayerSpec> specs, Collection<Tensor> newTensors) {
        List<Layer> built = build(specs, input, new HashMap<>());
        Map<String, Tensor> given = new HashMap<>();
        for (Tensor t : newTensors) {
            given.put(t.name(), t);
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Layer l : flatten(built)) {
            for (ParamDecl p : l.params()) {
                String tn = l.tensorName(p);
                Tensor t = given.remove(tn);
                if (t == null || !java.util.Arrays.equals(t.shape(), p.shape())) {
                    throw new IllegalArgumentException("no tensor " + tn + " of shape "
                            + java.util.Arrays.toString(p.shape()));
                }
                m.put(tn, t);
            }
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("tensors not used by any layer: " + given.keySet());
        }
        return new Model(name, input, built, m, null, trainedOn, history);
    }

    /** e.g. {@code lenet5: 8 layers, 431,080 params, 431,080 non-zeros}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %d layers, %,d params, %,d non-zeros%s",
                name, layers.size(), paramCount(), nonzeros(),
                plan != null ? ", pruning " + plan.schedule().describe() : "");
    }
}
