package mcs.bench;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.prune.GlobalMagnitude;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;

/**
 * The compression kernels on 25.5 M weights in ResNet-50 shapes: global magnitude pruning to
 * 50% over all layers (threshold and masks), k-means with k = 16 on every layer (codebook and
 * indices), per-channel int8 (scales and the int8 values). Each is timed as the best of three
 * runs after one warm-up run, layers spread over the cores.
 */
final class CompressionSuite implements Suite {

    @Override
    public String name() {
        return "compression";
    }

    @Override
    public void run(Consumer<Measure> report) {
        List<int[]> shapes = ResNet50.shapes();
        List<float[]> w = ResNet50.weights(1);
        report.accept(time("compression.threshold", 3, () -> GlobalMagnitude.masks(w, 0.5)));
        report.accept(time("compression.kmeans16", 1, () -> IntStream.range(0, w.size())
                .parallel().forEach(l -> Clustering.cluster(w.get(l), 16, CentroidInit.LINEAR,
                        false, l))));
        report.accept(time("compression.int8-per-channel", 3, () -> IntStream.range(0, w.size())
                .parallel().forEach(l -> {
                    QuantSpec q = WeightQuantizer.int8PerChannel(w.get(l), shapes.get(l), 0);
                    Quantizer.quantize(w.get(l), shapes.get(l), q);
                })));
    }

    /** Best wall time of {@code runs} runs after one warm-up run, in seconds. */
    static Measure time(String name, int runs, Runnable work) {
        work.run();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return new Measure(name, best, "s");
    }
}
