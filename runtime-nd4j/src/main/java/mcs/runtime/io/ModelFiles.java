package mcs.runtime.io;

import java.nio.file.Path;
import java.util.Locale;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;

/**
 * Reading a model from a file of any supported kind, chosen by its extension. This is the one
 * place where importers plug in: {@code .mcz} is read by {@link McsFile}; ONNX, Keras
 * ({@code .h5}, {@code .keras}) and JSON importers will be added to {@link #load}.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** The model in {@code file}; an unsupported kind of file is refused with its reason. */
    public static Model load(Path file) {
        String ext = extension(file);
        return switch (ext) {
            case ".mcz" -> McsFile.load(file);
            case ".onnx" -> throw notYet(file, "ONNX import");
            case ".h5", ".keras" -> throw notYet(file, "Keras import");
            case ".json" -> throw notYet(file, "JSON model import");
            default -> throw new InvalidInputException("cannot load " + file + ": "
                    + (ext.isEmpty() ? "the file has no extension" : ext + " is not a model "
                    + "file mcs knows") + "; mcs loads .mcz files");
        };
    }

    /** The lower-case extension with its dot ({@code .mcz}), or "" when there is none. */
    public static String extension(Path file) {
        Path name = file.getFileName();
        String s = name == null ? "" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static InvalidInputException notYet(Path file, String what) {
        return new InvalidInputException("cannot load " + file + ": " + what + " is not "
                + "available yet; mcs loads .mcz files");
    }
}
