package mcs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.cluster.Clustering;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.prune.GlobalMagnitude;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.WeightQuantizer;

/**
 * The memory check's child JVM: 25.5 M weights in ResNet-50 shapes as tensors, pruned to 50%
 * globally, clustered (16 centroids per tensor, zeros kept), and the codebooks quantised to
 * int8, then encoded as .mcz tensor blocks; every stage is kept alive, as a session keeps
 * {@code base} and {@code small}. Prints
 * the time, the peak heap and the heap limit as {@code name value unit} lines.
 */
final class MemoryCheck {

    private MemoryCheck() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        List<int[]> shapes = ResNet50.shapes();
        List<float[]> w = ResNet50.weights(2);
        List<Tensor> base = new ArrayList<>();
        for (int l = 0; l < w.size(); l++) {
            base.add(Tensor.of("layer" + l + ".kernel", TensorRole.KERNEL, shapes.get(l),
                    w.get(l)));
        }
        boolean[][] masks = GlobalMagnitude.masks(w, 0.5);
        List<Tensor> pruned = map(base, (l, t) -> t.withMask(masks[l]));
        List<Tensor> clustered = map(pruned, (l, t) -> t.withClusters(new Clusters(-1, List.of(
                Clustering.cluster(t.values(), 16, CentroidInit.LINEAR, true, l)))));
        List<Tensor> quantized = map(clustered, (l, t) -> t.withQuant(t.refitCentroids(
                WeightQuantizer.perTensor(t.values(), 8, true, true))));
        List<Tensor> int8 = map(pruned, (l, t) -> t.withQuant(WeightQuantizer.int8PerChannel(
                t.values(), t.shape(), 0)));
        long fileBytes = IntStream.range(0, quantized.size()).parallel()
                .mapToLong(l -> McsFile.tensorBytes(quantized.get(l))).sum();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long weights = base.stream().mapToLong(Tensor::size).sum();
        long nonzeros = quantized.stream().mapToLong(Tensor::nonzeros).sum();
        long nonzerosInt8 = int8.stream().mapToLong(Tensor::nonzeros).sum();
        System.out.printf(Locale.ROOT, "memory.weights %d count%n", weights);
        System.out.printf(Locale.ROOT, "memory.nonzeros-clustered-int8 %d count%n", nonzeros);
        System.out.printf(Locale.ROOT, "memory.nonzeros-int8-per-channel %d count%n",
                nonzerosInt8);
        System.out.printf(Locale.ROOT, "memory.mcz-bytes %d bytes%n", fileBytes);
        System.out.printf(Locale.ROOT, "memory.prune-cluster-quantize-encode %.2f s%n", seconds);
        System.out.printf(Locale.ROOT, "memory.peak-heap %d MB%n", peakHeap() >> 20);
        System.out.printf(Locale.ROOT, "memory.heap-limit %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20);
    }

    @FunctionalInterface
    private interface Step {
        Tensor apply(int layer, Tensor t);
    }

    private static List<Tensor> map(List<Tensor> in, Step f) {
        Tensor[] out = new Tensor[in.size()];
        IntStream.range(0, out.length).parallel().forEach(l -> out[l] = f.apply(l, in.get(l)));
        return List.of(out);
    }

    /** The sum of the heap pools' peak usage: an upper bound of the heap ever in use. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
