package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import mcs.runtime.io.McsFile;
import mcs.runtime.io.ModelFiles;

/** {@code save}, {@code load} and {@code size}: models in files and their real sizes. */
final class FileBuiltins {

    private FileBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("save", Group.FILES, "Writes a model to an .mcz file and prints its size.")
                .param(Param.required("model", Type.MODEL, "the model to save"))
                .param(Param.required("path", Type.STRING, "the file, ending in .mcz"))
                .note("The file holds the layers, the history and every tensor in its")
                .note("compressed form (sparse, clustered, quantised), entropy-coded.")
                .note("It is written to a temporary file first, then moved into place.")
                .returns(Type.NOTHING), FileBuiltins::save);
        b.add(define("load", Group.FILES, "Reads a model: .mcz, ONNX (.onnx) or Keras (.h5, "
                        + "or .json with weights).")
                .param(Param.required("path", Type.STRING, "the file to read"))
                .param(Param.optional("input", Type.INTEGER_LIST, "one sample's shape, "
                        + "[h, w, c] or [n], if an .onnx leaves it open"))
                .param(Param.optional("weights", Type.STRING, "the weights .h5 of a Keras .json "
                        + "(default: found beside it)"))
                .note(".mcz: the model comes back exactly as saved: masks, codebooks and")
                .note("quantisation included, so fine-tuning keeps them.")
                .note("ONNX: one float input and output, opsets 7-17; a graph with branches "
                        + "becomes branch layers.")
                .note("Unsupported ops or layers are listed by name.")
                .note("Keras: channels-last inputs become channels-first, (28, 28, 1) -> "
                        + "[1, 28, 28].")
                .returns(Type.MODEL), FileBuiltins::load);
        b.add(define("size", Group.FILES, "Bytes of the model's .mcz file (what save writes).")
                .param(Param.required("model", Type.MODEL, "the model"))
                .returns(Type.NUMBER), (a, c) -> Num.of(McsFile.size(a.model("model"))));
    }

    private static Value save(Args a, CallContext c) {
        Path file = path(a);
        String ext = ModelFiles.extension(file);
        if (!ext.equals(McsFile.EXTENSION)) {
            throw a.error("path", "save writes .mcz files; the path must end in .mcz, got "
                    + (ext.isEmpty() ? "no extension" : ext));
        }
        long bytes = McsFile.save(a.model("model"), file);
        c.print(String.format(Locale.ROOT, "saved %s: %,d bytes", a.str("path"), bytes));
        return Nil.NIL;
    }

    private static Value load(Args a, CallContext c) {
        Path file = path(a);
        String ext = ModelFiles.extension(file);
        if (a.present("input") && !ext.equals(".onnx")) {
            throw a.error("input", "input only applies to .onnx files");
        }
        if (a.present("weights") && !ext.equals(".json")) {
            throw a.error("weights", "weights only applies to a Keras .json configuration");
        }
        return new ModelValue(ModelFiles.load(file,
                a.present("input") ? ModelBuiltins.shape(a, "input") : null,
                a.present("weights") ? Path.of(a.str("weights")) : null));
    }

    private static Path path(Args a) {
        String text = a.str("path");
        if (text.isBlank()) {
            throw a.error("path", "the path is empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw a.error("path", "not a valid path: " + e.getReason());
        }
    }
}
