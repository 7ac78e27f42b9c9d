package mcs.runtime.io;

import java.nio.file.Path;
import java.util.Locale;
import mcs.runtime.InvalidInputException;
import mcs.runtime.keras.KerasImport;
import mcs.runtime.model.Shape;
import mcs.runtime.onnx.OnnxImport;
import mcs.runtime.model.Model;

/**
 * Reading a model from a file of any supported kind, chosen by its extension. This is the one
 * place where readers plug in: {@code .mcz} is read by {@link McsFile}, {@code .onnx} by
 * {@link OnnxImport}, Keras {@code .h5} files and {@code .json} configurations by
 * {@link KerasImport}.
 */
public final class ModelFiles {

    private static final java.util.Set<String> KNOWN = java.util.Set.of(".mcz", ".onnx", ".h5",
            ".hdf5", ".keras", ".json");

    private ModelFiles() {
    }

    /** The model in {@code file}; an unsupported kind of file is refused with its reason. */
    public static Model load(Path file) {
        return load(file, null, null);
    }

    /**
     * The model in {@code file}. {@code input} (or null) is one sample's shape for an ONNX file
     * that leaves it open; {@code weights} (or null) the weights .h5 of a Keras .json
     * configuration, by default found beside it.
     */
    public static Model load(Path file, Shape input, Path weights) {
        String ext = extension(file);
        if (input != null && !ext.equals(".onnx")) {
            throw new InvalidInputException("an input shape only applies to .onnx files");
        }
        if (weights != null && !ext.equals(".json")) {
            throw new InvalidInputException("a weights file only applies to a Keras .json "
                    + "configuration");
        }
        if (!KNOWN.contains(ext)) {
            throw new InvalidInputException("cannot load " + file + ": "
                    + (ext.isEmpty() ? "the file has no extension" : ext + " is not a model "
                    + "file mcs knows") + "; mcs loads .mcz, .onnx, .h5 and .json files");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": "
                    + (java.nio.file.Files.exists(file) ? "not a regular file"
                    : "no such file or directory"), new java.io.FileNotFoundException(
                    file.toString()));
        }
        return switch (ext) {
            case ".mcz" -> McsFile.load(file);
            case ".onnx" -> OnnxImport.load(file, input);
            case ".h5", ".hdf5", ".keras" -> KerasImport.load(file);
            case ".json" -> weights == null ? KerasImport.load(file) : KerasImport.load(file, weights);
            default -> throw new InvalidInputException("cannot load " + file + ": "
                    + (ext.isEmpty() ? "the file has no extension" : ext + " is not a model "
                    + "file mcs knows") + "; mcs loads .mcz, .onnx, .h5 and .json files");
        };
    }

    /** The lower-case extension with its dot ({@code .mcz}), or "" when there is none. */
    public static String extension(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot).toLowerCase(Locale.ROOT);
    }
}
