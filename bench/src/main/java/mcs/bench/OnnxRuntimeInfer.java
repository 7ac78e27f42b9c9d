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
 * batches 1, 32 and 256. Each int8 export is timed together with the float32 one, interleaved
 * ({@link OnnxRuntimeLatency}), best of three rounds; then its speed-up over the float32 one
 * (the float32 figure printed is the one timed with the static export).
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
        Model full = int8(fp32, Mode.STATIC, calibration);
        Model weights = int8(fp32, Mode.WEIGHTS, null);
        for (int batch : InferSuite.BATCHES) {
            // each int8 export timed with the float one alone: dequantising all weights on
            // every run, the weight-only export also slows down what runs after it
            double[] st = best(fp32, full, batch);
            double[] wo = best(fp32, weights, batch);
            String at = ".b" + batch;
            report.accept(new Measure(PREFIX + net + "-fp32" + at, st[0], "ms"));
            report.accept(new Measure(PREFIX + net + "-int8-static" + at, st[1], "ms"));
            report.accept(new Measure(PREFIX + net + "-int8-weights" + at, wo[1], "ms"));
            report.accept(new Measure(PREFIX + net + "-int8-static-speedup" + at,
                    st[0] / st[1], "x"));
            report.accept(new Measure(PREFIX + net + "-int8-weights-speedup" + at,
                    wo[0] / wo[1], "x"));
        }
    }

    /** The best of {@link #ROUNDS} rounds of the two models timed together. */
    private static double[] best(Model a, Model b, int batch) {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < ROUNDS; round++) {
            double[] ms = OnnxRuntimeLatency.millis(List.of(a, b), batch, Cancellation.NEVER);
            best[0] = Math.min(best[0], ms[0]);
            best[1] = Math.min(best[1], ms[1]);
        }
        return best;
    }

    /** Int8 per output channel, symmetric weights; activations too when static. */
    private static Model int8(Model m, Mode mode, Split calibration) {
        return ModelQuantization.quantize(m, new ModelQuantization.Config(Format.INT8, mode,
                true, true, false, calibration, CALIBRATION_SAMPLES, Method.MINMAX, Set.of()),
                Cancellation.NEVER);
    }
}
