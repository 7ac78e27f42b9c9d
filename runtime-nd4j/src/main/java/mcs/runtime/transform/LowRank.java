package mcs.runtime.transform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mcs.runtime.Cancellation;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Activation;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;
import mcs.runtime.model.Padding;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;

/**
 * Low-rank factorisation by truncated SVD. A Dense kernel {@code W [in, out] = U S V^T} becomes
 * {@code Dense(r, linear)} with kernel {@code U_r sqrt(S_r)} and no bias, then
 * {@code Dense(out, act)} with kernel {@code sqrt(S_r) V_r^T} and the old bias. A Conv2D kernel
 * reshaped to {@code [out, in k k] = U S V^T} becomes a conv with {@code r} filters of the same
 * size, stride and padding ({@code sqrt(S_r) V_r^T}, no bias) followed by a 1x1 conv
 * ({@code U_r sqrt(S_r)}, the old bias and activation). At full rank the outputs are unchanged
 * up to rounding. The rank is fixed or the smallest keeping {@code energy} of the sum of squared
 * singular values. New layers are plain fp32: factorise before pruning or quantising.
 */
public final class LowRank {

    /**
     * @param rank          a fixed rank (capped at {@code min} of the matrix sides), or 0 to
     *                      choose it by {@code energy}
     * @param energy        fraction of the squared singular values to keep, in (0, 1]
     * @param layers        names of the top-level Dense/Conv2D layers to factorise; empty: all
     * @param onlyIfSmaller leave a layer as it is when factorising would not reduce its params
     */
    public record Options(int rank, double energy, List<String> layers, boolean onlyIfSmaller) {
        public Options {
            layers = List.copyOf(layers);
            if (rank < 0) {
                throw new InvalidInputException("lowrank: rank must be at least 1, got " + rank);
            }
            if (!(energy > 0 && energy <= 1)) {
                throw new InvalidInputException("lowrank: energy must be in (0, 1], got " + energy);
            }
        }
    }

    /** What happened to one layer: its rank, the energy it keeps, params before and after. */
    public record Factor(String layer, int rank, int fullRank, double energy, long before,
                         long after, boolean applied) {
        /** e.g. {@code dense3: rank 37 of 500 (90.1% energy), 400,500 -> 48,137 params}. */
        public String describe() {
            return String.format(Locale.ROOT, "%s: rank %d of %d (%.1f%% energy), %,d -> %,d "
                    + "params%s", layer, rank, fullRank, energy * 100, before, after,
                    applied ? "" : "; not factorised: it would not get smaller");
        }
    }

    /** The new model and one entry per layer considered. */
    public record Result(Model model, List<Factor> factors) { }

    private LowRank() {
    }

    public static Result factorise(Model model, Options options) {
        return factorise(model, options, Cancellation.NEVER);
    }

    /** Like {@link #factorise(Model, Options)}; stops with CancelledException when asked. */
    public static Result factorise(Model model, Options options, Cancellation cancel) {
        Set<String> wanted = selected(model, options.layers());
        List<Relayering.Part> parts = new ArrayList<>();
        List<Factor> factors = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!wanted.contains(l.name())) {
                parts.add(new Relayering.Kept(l));
                continue;
            }
            Split split = split(model, l, options, cancel);
            Factor f = split.factor(l.name(), options.onlyIfSmaller());
            factors.add(f);
            if (f.applied()) {
                parts.addAll(split.parts());
            } else {
                parts.add(new Relayering.Kept(l));
            }
        }
        boolean changed = factors.stream().anyMatch(Factor::applied);
        Model out = !changed ? model : Relayering.rebuild(model, parts).withHistory(
                "lowrank " + (options.rank() > 0 ? "rank " + options.rank()
                        : String.format(Locale.ROOT, "energy %s", options.energy())));
        return new Result(out, List.copyOf(factors));
    }

    private static Set<String> selected(Model model, List<String> names) {
        List<String> candidates = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l.spec() instanceof LayerSpec.Dense || l.spec() instanceof LayerSpec.Conv2D) {
                candidates.add(l.name());
            }
        }
        if (names.isEmpty()) {
            return new LinkedHashSet<>(candidates);
        }
        for (String n : names) {
            if (!candidates.contains(n)) {
                throw new InvalidInputException("lowrank: " + model.name() + " has no top-level "
                        + "dense or conv layer " + n + "; it has " + String.join(", ", candidates));
            }
        }
        return new LinkedHashSet<>(names);
    }

    /** A layer's factorisation, before deciding whether to use it. */
    private record Split(int rank, int fullRank, double energy, long before, long after,
                         List<Relayering.Part> parts) {
        Factor factor(String layer, boolean onlyIfSmaller) {
            return new Factor(layer, rank, fullRank, energy, before, after,
                    !onlyIfSmaller || after < before);
        }
    }

    private static Split split(Model model, Layer l, Options o, Cancellation cancel) {
        Tensor kernel = model.tensor(l.name() + ".kernel");
        Tensor bias = model.tensor(l.name() + ".bias");
        int[] shape = kernel.shape();
        boolean dense = l.spec() instanceof LayerSpec.Dense;
        int rows = shape[0];
        int cols = kernel.size() / rows;
        Svd svd = Svd.of(kernel.values(), rows, cols, cancel);
        int r = o.rank() > 0 ? Math.min(o.rank(), svd.k()) : Svd.rankForEnergy(svd.s(), o.energy());
        float[] left = new float[rows * r];
        float[] right = new float[r * cols];
        for (int j = 0; j < r; j++) {
            double root = Math.sqrt(svd.s()[j]);
            for (int i = 0; i < rows; i++) {
                left[i * r + j] = (float) (svd.u()[i * svd.k() + j] * root);
            }
            for (int i = 0; i < cols; i++) {
                right[j * cols + i] = (float) (svd.vt()[j * cols + i] * root);
            }
        }
        long before = kernel.size() + bias.size();
        long after = (long) rows * r + (long) r * cols + r + bias.size();
        List<Relayering.Part> parts = dense
                ? denseParts((LayerSpec.Dense) l.spec(), rows, cols, r, left, right, bias)
                : convParts((LayerSpec.Conv2D) l.spec(), shape, r, left, right, bias);
        return new Split(r, svd.k(), energy(svd.s(), r), before, after, parts);
    }

    private static List<Relayering.Part> denseParts(LayerSpec.Dense d, int in, int out, int r,
                                                    float[] left, float[] right, Tensor bias) {
        return List.of(
                added(new LayerSpec.Dense(r, Activation.LINEAR), new int[] {in, r}, left, r),
                new Relayering.Added(d, Map.of("kernel", kernel(new int[] {r, out}, right),
                        "bias", bias)));
    }

    private static List<Relayering.Part> convParts(LayerSpec.Conv2D c, int[] shape, int r,
                                                   float[] left, float[] right, Tensor bias) {
        int out = shape[0];
        LayerSpec.Conv2D spatial = new LayerSpec.Conv2D(r, c.kernel(), c.stride(), c.padding(),
                Activation.LINEAR);
        LayerSpec.Conv2D pointwise = new LayerSpec.Conv2D(out, 1, 1, Padding.VALID,
                c.activation());
        return List.of(
                added(spatial, new int[] {r, shape[1], shape[2], shape[3]}, right, r),
                new Relayering.Added(pointwise, Map.of("kernel",
                        kernel(new int[] {out, r, 1, 1}, left), "bias", bias)));
    }

    private static Relayering.Part added(LayerSpec spec, int[] shape, float[] values, int r) {
        return new Relayering.Added(spec, Map.of("kernel", kernel(shape, values),
                "bias", Tensor.of("bias", TensorRole.BIAS, new int[] {r}, new float[r])));
    }

    private static Tensor kernel(int[] shape, float[] values) {
        return Tensor.of("kernel", TensorRole.KERNEL, shape, values);
    }

    private static double energy(double[] s, int r) {
        double total = 0, kept = 0;
        for (int i = 0; i < s.length; i++) {
            total += s[i] * s[i];
            kept += i < r ? s[i] * s[i] : 0;
        }
        return total == 0 ? 1 : kept / total;
    }
}
