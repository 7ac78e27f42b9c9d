package mcs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The weight shapes of ResNet-50 (torchvision's layout: conv kernels [out, in, k, k], the final
 * fully connected layer [out, in]), 25.5 M weights, filled with He-scaled normal values from a
 * fixed seed so every run compresses the same numbers.
 */
final class ResNet50 {

    private ResNet50() {
    }

    static List<int[]> shapes() {
        List<int[]> s = new ArrayList<>();
        s.add(new int[] {64, 3, 7, 7});
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        int[] blocks = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            int w = widths[stage], out = 4 * w;
            for (int b = 0; b < blocks[stage]; b++) {
                s.add(new int[] {w, in, 1, 1});
                s.add(new int[] {w, w, 3, 3});
                s.add(new int[] {out, w, 1, 1});
                if (b == 0) {
                    s.add(new int[] {out, in, 1, 1}); // the projection shortcut
                }
                in = out;
            }
        }
        s.add(new int[] {1000, 2048});
        return s;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The weights of every layer, in {@link #shapes()} order, generated in parallel. */
    static List<float[]> weights(long seed) {
        List<int[]> shapes = shapes();
        float[][] w = new float[shapes.size()][];
        IntStream.range(0, w.length).parallel().forEach(l -> {
            int[] shape = shapes.get(l);
            int fanIn = size(shape) / shape[0];
            double std = Math.sqrt(2.0 / fanIn);
            SplittableRandom r = new SplittableRandom(seed * 1000 + l);
            float[] v = new float[size(shape)];
            for (int i = 0; i < v.length; i += 2) {
                // Box-Muller: two normal values per draw
                double u = 1 - r.nextDouble(), a = 2 * Math.PI * r.nextDouble();
                double rad = std * Math.sqrt(-2 * Math.log(u));
                v[i] = (float) (rad * Math.cos(a));
                if (i + 1 < v.length) {
                    v[i + 1] = (float) (rad * Math.sin(a));
                }
            }
            w[l] = v;
        });
        return List.of(w);
    }
}
