package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.nio.file.Path;
import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Value;
import mcs.runtime.keras.KerasImport;
import mcs.runtime.onnx.OnnxImport;

/** {@code load}: models written by other tools (ONNX, Keras). */
final class ImportBuiltins {

    private ImportBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("load", Group.MODELS, "Imports an ONNX (.onnx) or Keras (.h5, or .json "
                        + "with weights) model file.")
                .param(Param.required("file", Type.STRING, "path of the model file"))
                .param(Param.optional("input", Type.INTEGER_LIST, "one sample's shape, "
                        + "[h, w, c] or [n], when the file leaves it open"))
                .param(Param.optional("weights", Type.STRING, "the weights .h5 of a Keras .json "
                        + "(default: found beside it)"))
                .note("ONNX: one float input and output, opsets 7-17; a graph with branches "
                        + "becomes branch layers.")
                .note("Unsupported ops are listed by name.")
                .note("Keras: channels-last inputs become channels-first, (28, 28, 1) -> "
                        + "[1, 28, 28].")
                .returns(Type.MODEL), ImportBuiltins::load);
    }

    private static Value load(Args a, CallContext c) {
        Path file = Path.of(a.str("file"));
        String lower = file.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".onnx")) {
            return new ModelValue(OnnxImport.load(file,
                    a.present("input") ? ModelBuiltins.shape(a, "input") : null));
        }
        if (lower.endsWith(".h5") || lower.endsWith(".hdf5") || lower.endsWith(".json")) {
            if (a.present("input")) {
                throw a.error("input", "input only applies to .onnx files");
            }
            if (a.present("weights")) {
                if (!lower.endsWith(".json")) {
                    throw a.error("weights", "weights only applies to a Keras .json configuration");
                }
                return new ModelValue(KerasImport.load(file, Path.of(a.str("weights"))));
            }
            return new ModelValue(KerasImport.load(file));
        }
        throw a.error("file", "load reads .onnx, .h5 and .json files, got " + file.getFileName());
    }
}
