package mcs.bench;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import mcs.runtime.Cancellation;
import mcs.runtime.compress.ModelQuantization;
import mcs.runtime.compress.ModelQuantization.Format;
import mcs.runtime.compress.ModelQuantization.Method;
import mcs.runtime.compress.ModelQuantization.Mode;
import mcs.runtime.data.Datasets;
import mcs.runtime.data.Split;
import mcs.runtime.model.Model;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.onnx.export.OnnxRuntimeLatency;

/**
 * Deployed latency in ONNX Runtime: LeNet-5 and the convnet exported as float32, with int8
 * weights only (DequantizeLinear before each float kernel) and statically quantised (int8
 * weights and activations, calibrated min/max on 512 Fashion-MNIST training images, QDQ), at
 * batches 1, 32 and 256. The three exports of a network are timed together, interleaved
 * ({@link OnnxRuntimeLatency}), best of three rounds; then each int8 export's speed-up over
 * the float32 one.
 */
final class OnnxRuntimeInfer {

    static final String PREFIX = "infer.ort.";
    private static final int ROUNDS = 3;
    private static final int CALIBRATION_SAMPLES = 512;

    private OnnxRuntimeInfer() {
    }

    static void run(Consumer<Measure> report) {
        Split calibration = Datasets.system(s -> { }).load("fashion-mnist", null).train();
        measure("lenet5", ReferenceModels.lenet5(1), calibration, report);
        measure("convnet", InferSuite.convnet(), calibration, report);
    }

    private static void measure(String net, Model fp32, Split calibration,
                                Consumer<Measure> report) {
        Model weights = int8(fp32, Mode.WEIGHTS, null);
        Model full = int8(fp32, Mode.STATIC, calibration);
        List<Model> models = List.of(fp32, weights, full);
        String[] kinds = {"fp32", "int8-weights", "int8-static"};
        for (int batch : InferSuite.BATCHES) {
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < ROUNDS; round++) {
                double[] ms = OnnxRuntimeLatency.millis(models, batch, Cancellation.NEVER);
                for (int i = 0; i < ms.length; i++) {
                    best[i] = Math.min(best[i], ms[i]);
                }
            }
            for (int i = 0; i < kinds.length; i++) {
                report.accept(new Measure(PREFIX + net + "-" + kinds[i] + ".b" + batch, best[i],
                        "ms"));
            }
            for (int i = 1; i < kinds.length; i++) {
                report.accept(new Measure(PREFIX + net + "-" + kinds[i] + "-speedup.b" + batch,
                        best[0] / best[i], "x"));
            }
        }
    }

    /** Int8 per output channel, symmetric weights; activations too when static. */
    private static Model int8(Model m, Mode mode, Split calibration) {
        return ModelQuantization.quantize(m, new ModelQuantization.Config(Format.INT8, mode,
                true, true, false, calibration, CALIBRATION_SAMPLES, Method.MINMAX, Set.of()),
                Cancellation.NEVER);
    }
}
