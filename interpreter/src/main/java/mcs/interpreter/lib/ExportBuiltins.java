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
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Value;
import mcs.runtime.onnx.export.OnnxExport;

/** {@code export}: a model to an ONNX file that ONNX Runtime runs, float or QDQ int8. */
final class ExportBuiltins {

    private ExportBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("export", Group.FILES, "Writes the model as an ONNX file (opset 13) "
                        + "that ONNX Runtime runs.")
                .param(Param.required("model", Type.MODEL, "the model to export"))
                .param(Param.required("path", Type.STRING, "the file to write, ending in .onnx"))
                .param(Param.symbol("quant", "none", "none: float32 weights; qdq: int8 "
                        + "weights and quantised activations (QDQ)", "none", "qdq"))
                .note("Input \"input\" [N, C, H, W] (or [N, features]), output \"logits\";")
                .note("a final softmax is left out. Pruned and clustered weights are written")
                .note("as they compute; qdq keeps each tensor's own integer grid, else int8")
                .note("per output channel.")
                .returns(Type.NOTHING), ExportBuiltins::export);
    }

    private static Value export(Args a, CallContext c) {
        String file = a.str("path");
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw a.error("path", "not a valid file name: " + file);
        }
        if (!file.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw a.error("path", "the file name must end in .onnx, got \"" + file + "\"");
        }
        OnnxExport.Quant quant = OnnxExport.Quant.valueOf(
                a.symbol("quant").toUpperCase(Locale.ROOT));
        OnnxExport.Written w = OnnxExport.export(a.model("model"), path, quant);
        c.print(String.format(Locale.ROOT, "wrote %s: %s, %s, %d nodes (%s), %,d bytes",
                file, a.model("model").name(), quant == OnnxExport.Quant.QDQ ? "int8 QDQ"
                        : "float32", w.nodes(), w.describeOps(), w.bytes()));
        return Nil.NIL;
    }
}
