package mcs.runtime.onnx.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;

/**
 * Writes a model as an ONNX file that ONNX Runtime runs: IR version 8, opset 13, one float
 * input {@code input} of shape {@code [N, C, H, W]} (or {@code [N, features]}) with a symbolic
 * batch {@code N}, one float output {@code logits} (the last layer's output; a final softmax is
 * left out, as in mcs's own forward pass).
 *
 * <p>{@link Quant#NONE} writes float32 weights, the effective values the model runs with (so a
 * pruned or clustered model exports as it computes). {@link Quant#QDQ} writes the QDQ format
 * that ONNX Runtime's quantisation tools produce: int8 kernels feeding DequantizeLinear, and
 * QuantizeLinear / DequantizeLinear pairs on the activations the model has specs for (see
 * {@link Model#activations()}), with int32 biases behind a quantised input.
 */
public final class OnnxExport {

    /** How weights and activations are written. */
    public enum Quant {
        /** Float32 weights and activations. */
        NONE,
        /** Int8 weights and quantised activations in QuantizeLinear/DequantizeLinear form. */
        QDQ;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was written: the file, its size in bytes and how many nodes of each operator. */
    public record Written(Path path, long bytes, Map<String, Integer> ops) {
        public Written {
            ops = Map.copyOf(ops);
        }

        public int nodes() {
            return ops.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** e.g. {@code Conv 2, Gemm 2, MaxPool 2, ...}, operators sorted by name. */
        public String describeOps() {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(ops).forEach((op, n) -> sb.append(sb.length() == 0 ? "" : ", ")
                    .append(op).append(' ').append(n));
            return sb.toString();
        }
    }

    private OnnxExport() {
    }

    /**
     * Writes {@code model} to {@code path} (which must end in {@code .onnx}) through a temporary
     * file in the same directory, so no half-written file is left behind.
     */
    public static Written export(Model model, Path path, Quant quant) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!file.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            throw new InvalidInputException("export: the file name must end in .onnx, got "
                    + (file.isEmpty() ? path.toString() : file));
        }
        OnnxGraph g = Lowering.lower(model, quant == Quant.QDQ);
        byte[] bytes = OnnxWriter.write(g);
        Path target = path.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), ".export-", ".onnx");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such directory"
                    : e instanceof AccessDeniedException ? "permission denied" : e.toString();
            throw new InvalidInputException("export: cannot write " + target + ": " + why, e);
        }
        return new Written(target, bytes.length, ops(g));
    }

    /** The ONNX model as bytes, without touching the file system. */
    public static byte[] toBytes(Model model, Quant quant) {
        return OnnxWriter.write(Lowering.lower(model, quant == Quant.QDQ));
    }

    private static Map<String, Integer> ops(OnnxGraph g) {
        Map<String, Integer> m = new TreeMap<>();
        for (OnnxGraph.Node n : g.nodes()) {
            m.merge(n.op(), 1, Integer::sum);
        }
        return m;
    }
}
