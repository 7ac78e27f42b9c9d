package mcs.runtime.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.value.ModelValue;
import mcs.runtime.Cancellation;

/**
 * Writes the committed seeds of {@link McsFileFuzzTest}: small models in each compression state
 * the format records (plain, pruned, clustered, quantised, half precision, a residual block),
 * each as an .mcz file and in the "JSON, NUL, tensors" form. Run again after a format change:
 * {@code java -cp <test class path> mcs.runtime.io.McsSeeds fuzz/src/test/resources/...}.
 */
public final class McsSeeds {

    private McsSeeds() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Map<String, String> models = new LinkedHashMap<>();
        String mlp = "sequential(flatten(), dense(6, act=relu), dense(3), input=[4], name=\"tiny\")";
        models.put("plain", mlp);
        models.put("pruned", mlp + " | prune(0.5)");
        models.put("clustered", mlp + " | cluster(4)");
        models.put("int8", mlp + " | prune(0.5) | quantize(int8)");
        models.put("int4", mlp + " | quantize(int4, per=tensor)");
        models.put("fp16", mlp + " | quantize(fp16)");
        models.put("cnn", "sequential(conv(2, 3, padding=same, act=relu), residual(conv(2, 3, "
                + "padding=same), batchnorm()), maxpool(), flatten(), dense(3, act=softmax), "
                + "input=[6, 6, 1], name=\"cnn\") | prune(0.3) | cluster(3)");
        Session session = new Session(Output.of(System.out, System.err));
        for (Map.Entry<String, String> e : models.entrySet()) {
            Result r = session.execute(new SourceText("seed", "m = " + e.getValue()),
                    Cancellation.NEVER);
            if (!r.isOk()) {
                throw new IllegalStateException(e.getKey() + ": " + r.errorText());
            }
            byte[] file = McsFile.encode(((ModelValue) session.variables().get("m")).model());
            Files.write(dir.resolve(e.getKey() + ".mcz"), file);
            Files.write(dir.resolve(e.getKey() + ".unpacked"), McsFileFuzzTest.unpacked(file));
        }
    }
}
