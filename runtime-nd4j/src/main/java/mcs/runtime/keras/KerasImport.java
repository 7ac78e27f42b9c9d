package mcs.runtime.keras;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;

/**
 * Loads Keras models: a full model saved as {@code .h5} ({@code model.save}), or a JSON
 * configuration ({@code model.to_json()}) with a weights file ({@code model.save_weights}).
 *
 * <p>mcs is channels-first. A Keras input of {@code (28, 28, 1)} (height, width, channels)
 * becomes an mcs input {@code [1, 28, 28]}, so images from mcs datasets are fed as they are;
 * data prepared for Keras in NHWC order must be transposed to NCHW. A Keras input without
 * channels, {@code (28, 28)}, becomes {@code [1, 28, 28]} too (its values are in the same
 * order, and the model can only flatten it); a vector input {@code (784,)} stays {@code [784]},
 * unless the model starts by reshaping it into a one-channel image, which then becomes the
 * input. The imported model computes the same outputs as in Keras (up to float rounding).
 */
public final class KerasImport {

    private KerasImport() {
    }

    /**
     * Loads a full-model {@code .h5}, or a {@code .json} configuration with its weights found
     * next to it ({@link #weightsBeside}).
     */
    public static Model load(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return load(file, weightsBeside(file));
        }
        H5File h5 = H5File.read(file);
        if (h5.modelConfig() == null) {
            throw new InvalidInputException(file + " holds only weights (no model_config); load "
                    + "it with the model's JSON configuration, e.g. load(\"model.json\", weights=\""
                    + file.getFileName() + "\")");
        }
        KerasGraph g = KerasGraph.parse(h5.modelConfig(), file + " (model_config)");
        return assemble(stem(file), g, Weights.of(h5), file.toString(), file.getFileName().toString());
    }

    /** Loads a JSON configuration with the weights from an HDF5 file. */
    public static Model load(Path config, Path weights) {
        String json;
        try {
            json = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(config + ": cannot read (" + e.getMessage() + ")", e);
        }
        KerasGraph g = KerasGraph.parse(json, config.toString());
        H5File h5 = H5File.read(weights);
        return assemble(stem(config), g, Weights.of(h5), config.toString(),
                config.getFileName() + " + " + weights.getFileName());
    }

    /**
     * The weights file for a JSON configuration {@code name.json}: the first existing of
     * {@code name_weights.h5}, {@code name.weights.h5}, {@code name.h5}, {@code model_weights.h5}
     * and {@code weights.h5} in the same directory.
     */
    public static Path weightsBeside(Path json) {
        String stem = stem(json);
        Path dir = json.toAbsolutePath().getParent();
        List<String> tried = List.of(stem + "_weights.h5", stem + ".weights.h5", stem + ".h5",
                "model_weights.h5", "weights.h5");
        for (String name : tried) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidInputException(json + ": no weights file next to it (looked for "
                + String.join(", ", tried) + "); name it with weights=\"...\"");
    }

    static Model assemble(String name, KerasGraph g, Weights w, String source,
                                  String from) {
        List<Step> steps = new ArrayList<>(Linearizer.steps(g, source));
        Shape input = inputShape(g.input(), source);
        Shape reshaped = leadingReshape(steps, input);
        if (reshaped != null) {
            input = reshaped;
        }
        LayerMapper mapper = new LayerMapper(source, w);
        List<LayerSpec> specs = new ArrayList<>();
        LayerMapper.State end = mapper.map(steps, new LayerMapper.State(input, null), specs);
        List<String> problems = mapper.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(source + ": cannot import " + problems.size()
                    + (problems.size() == 1 ? " layer" : " layers") + " that mcs has no "
                    + "equivalent for: " + String.join(", ", problems));
        }
        if (end.flattened() != null) {
            throw new InvalidInputException(source + ": the model ends with flattened image "
                    + "features, which mcs orders channels-first; add a Dense layer after them");
        }
        if (specs.isEmpty()) {
            throw new InvalidInputException(source + ": the model has no layers to import");
        }
        Model m = Model.sequential(name, input, specs, 0);
        return m.withTensors(tensors(m, mapper.params())).withHistory("load " + from);
    }

    private static List<Tensor> tensors(Model m, Map<LayerSpec, Map<String, float[]>> params) {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : m.allLayers()) {
            Map<String, float[]> w = params.get(l.spec());
            for (ParamDecl p : l.params()) {
                float[] v = w == null ? null : w.get(p.suffix());
                if (v == null || v.length != p.size()) {
                    throw new IllegalStateException("no imported " + p.suffix() + " for " + l.name());
                }
                out.add(Tensor.of(l.tensorName(p), p.role(), p.shape(), v));
            }
        }
        return out;
    }

    /** The mcs input for a Keras input shape (no batch dimension). */
    static Shape inputShape(int[] keras, String source) {
        Shape s = keras.length == 2 && keras[0] > 0 && keras[1] > 0
                ? Shape.image(1, keras[0], keras[1]) : mcsShape(keras);
        long size = 1;
        for (int d : keras) {
            size *= d;
        }
        if (s != null) {
            Memory.requireArray(source + ": the input " + java.util.Arrays.toString(keras), size);
        }
        if (s == null) {
            throw new InvalidInputException(source + ": an input of shape "
                    + java.util.Arrays.toString(keras) + " cannot be imported; mcs takes vectors "
                    + "(n) and images (height, width, channels)");
        }
        return s;
    }

    /** Keras {@code (n)} or {@code (h, w, c)} as an mcs shape; null for other ranks or sizes. */
    static Shape mcsShape(int[] keras) {
        for (int d : keras) {
            if (d < 1) {
                return null;
            }
        }
        if (keras.length == 1) {
            return Shape.of(keras[0]);
        }
        return keras.length == 3 ? Shape.image(keras[2], keras[0], keras[1]) : null;
    }

    /**
     * When the first layer reshapes the input into an image with the same value order (one
     * channel), that image becomes the input and the layer is dropped; returns it or null.
     */
    private static Shape leadingReshape(List<Step> steps, Shape input) {
        int i = 0;
        while (i < steps.size() && steps.get(i) instanceof Step.Single s
                && s.node().className().equals("InputLayer")) {
            i++;
        }
        if (i >= steps.size() || !(steps.get(i) instanceof Step.Single s)
                || !s.node().className().equals("Reshape")) {
            return null;
        }
        int[] t = KerasLayers.targetShape(new LayerConfig(s.node()), input.size());
        if (t == null) {
            return null;
        }
        Shape to = t.length == 2 && t[0] > 0 && t[1] > 0 ? Shape.image(1, t[0], t[1]) : mcsShape(t);
        if (to == null || !to.isImage() || to.size() != input.size()
                || !KerasLayers.sameLayout(to) || !KerasLayers.sameLayout(input)) {
            return null;
        }
        steps.remove(i);
        return to;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
