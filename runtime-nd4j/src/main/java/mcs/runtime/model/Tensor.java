package mcs.runtime.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.quant.BFloat16;
import mcs.runtime.quant.Channels;
import mcs.runtime.quant.Float16;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;
import mcs.runtime.quant.WeightQuantizer;

/**
 * A named parameter tensor with its compression state, immutable (arrays are copied in and out):
 * <ul>
 * <li>dense values in row-major order: always the effective weights the forward pass uses;</li>
 * <li>an optional pruning mask ({@code false} = pruned, held at exactly zero);</li>
 * <li>optional {@link Clusters}: the values are {@code centroid[index]} at every position;</li>
 * <li>an optional {@link QuantSpec}: the values (or, when clustered, the centroids, one scale per
 * codebook) lie on its integer grid, {@code v = (q - zeroPoint) * scale}, so quantising them
 * again gives back the integers exactly;</li>
 * <li>a {@link Precision}: fp16/bf16 values are exactly representable in that format.</li>
 * </ul>
 * Later steps keep earlier state: {@link #withValues} (what training gives back) re-applies the
 * mask, ties the values of each cluster to one centroid and puts them back on the grid.
 */
public final class Tensor {

    private final String name;
    private final TensorRole role;
    private final int[] shape;
    private final float[] values;
    private final boolean[] mask;
    private final Clusters clusters;
    private final QuantSpec quant;
    private final Precision precision;

    private Tensor(String name, TensorRole role, int[] shape, float[] values, boolean[] mask,
                   Clusters clusters, QuantSpec quant, Precision precision) {
        this.name = name;
        this.role = role;
        this.shape = shape;
        this.values = values;
        this.mask = mask;
        this.clusters = clusters;
        this.quant = quant;
        this.precision = precision;
    }

    public static Tensor of(String name, TensorRole role, int[] shape, float[] values) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape)
                    + " holds " + n + " values, got " + values.length);
        }
        return new Tensor(name, role, shape.clone(), values.clone(), null, null, null,
                Precision.FP32);
    }

    public String name() {
        return name;
    }

    /** The same tensor, compression state included, under another name (layers renamed). */
    public Tensor renamed(String newName) {
        return new Tensor(newName, role, shape, values, mask, clusters, quant, precision);
    }

    public TensorRole role() {
        return role;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return values.length;
    }

    public float value(int i) {
        return values[i];
    }

    public float[] values() {
        return values.clone();
    }

    /** Copies the values into {@code dst} at {@code offset}, without an intermediate array. */
    public void copyTo(float[] dst, int offset) {
        System.arraycopy(values, 0, dst, offset, values.length);
    }

    public boolean hasMask() {
        return mask != null;
    }

    /** The pruning mask ({@code true} = kept), or null when the tensor is not pruned. */
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    public boolean kept(int i) {
        return mask == null || mask[i];
    }

    public int nonzeros() {
        int n = 0;
        for (float v : values) {
            if (v != 0f) {
                n++;
            }
        }
        return n;
    }

    /** The weight sharing, or null when the tensor is not clustered. */
    public Clusters clusters() {
        return clusters;
    }

    /** The integer grid the values (or centroids) lie on, or null when not quantised. */
    public QuantSpec quant() {
        return quant;
    }

    public Precision precision() {
        return precision;
    }

    /**
     * A copy with other values, as training gives them back, keeping the compression state:
     * the mask is applied (masked positions become 0); a clustered tensor keeps its indices and
     * each centroid becomes the mean of the new values at its positions (the reserved zero stays
     * 0); a quantised tensor is put back on a grid of the same kind, its scales refitted to the
     * new range; fp16/bf16 values are rounded to that format.
     */
    public Tensor withValues(float[] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException(name + ": expected " + values.length + " values");
        }
        float[] v = newValues.clone();
        applyMask(v, mask);
        if (clusters == null) {
            if (quant != null) {
                QuantSpec q = refit(v, shape, quant);
                return new Tensor(name, role, shape, onGrid(v, shape, q), mask, null, q,
                        precision);
            }
            return new Tensor(name, role, shape, rounded(v, precision), mask, null, null,
                    precision);
        }
        List<Codebook> books = new ArrayList<>();
        for (int c = 0; c < clusters.books().size(); c++) {
            Codebook b = clusters.books().get(c);
            float[] slice = clusters.perChannel()
                    ? Channels.of("cluster", shape, clusters.axis(), v.length).gather(v, c) : v;
            double[] sum = new double[b.size()];
            int[] count = new int[b.size()];
            for (int i = 0; i < slice.length; i++) {
                sum[b.index(i)] += slice[i];
                count[b.index(i)]++;
            }
            float[] cent = b.centroids();
            for (int j = 0; j < cent.length; j++) {
                if (j != b.zeroIndex() && count[j] > 0) {
                    cent[j] = (float) (sum[j] / count[j]);
                }
            }
            books.add(b.withCentroids(cent));
        }
        Tensor t = new Tensor(name, role, shape, values, mask, new Clusters(clusters.axis(), books),
                null, Precision.FP32);
        t = t.withClusters(t.clusters);
        if (quant != null) {
            return t.withQuant(t.refitCentroids(quant));
        }
        return precision == Precision.FP32 ? t : t.withPrecision(precision);
    }

    /**
     * A copy with this mask applied (null removes the mask and keeps the values). Pruning
     * replaces earlier weight sharing and quantisation: the result is plain fp32.
     */
    public Tensor withMask(boolean[] newMask) {
        if (newMask == null) {
            return new Tensor(name, role, shape, values, null, clusters, quant, precision);
        }
        if (newMask.length != values.length) {
            throw new IllegalArgumentException(name + ": mask of " + newMask.length + " for "
                    + values.length + " values");
        }
        boolean[] m = newMask.clone();
        float[] v = values.clone();
        applyMask(v, m);
        return new Tensor(name, role, shape, v, m, null, null, Precision.FP32);
    }

    /**
     * A copy whose values are what these codebooks stand for (the mask, if any, applied). Any
     * earlier quantisation or reduced precision is dropped: clustering comes before them.
     */
    public Tensor withClusters(Clusters c) {
        float[] v = c.reconstruct(shape);
        if (v.length != values.length) {
            throw new IllegalArgumentException(name + ": codebooks for " + v.length
                    + " values, tensor has " + values.length);
        }
        applyMask(v, mask);
        return new Tensor(name, role, shape, v, mask, c, null, Precision.FP32);
    }

    /**
     * A copy on the integer grid of {@code q}. A clustered tensor quantises its centroids: the
     * spec then has one scale per codebook ({@code q.axis()} equal to the clusters' axis).
     */
    public Tensor withQuant(QuantSpec q) {
        if (clusters == null) {
            return new Tensor(name, role, shape, onGrid(values, shape, q), mask, null, q,
                    Precision.FP32);
        }
        if (q.axis() != clusters.axis() || q.channels() != clusters.books().size()) {
            throw new IllegalArgumentException(name + ": a clustered tensor needs one scale per "
                    + "codebook (" + clusters.books().size() + " along axis " + clusters.axis()
                    + ")");
        }
        List<Codebook> books = new ArrayList<>();
        for (int c = 0; c < clusters.books().size(); c++) {
            Codebook b = clusters.books().get(c);
            float[] cent = b.centroids();
            for (int j = 0; j < cent.length; j++) {
                cent[j] = Quantizer.dequantize(Quantizer.quantize(cent[j], q.scale(c),
                        q.zeroPoint(c), q.qmin(), q.qmax()), q.scale(c), q.zeroPoint(c));
            }
            books.add(b.withCentroids(cent));
        }
        Tensor t = withClusters(new Clusters(clusters.axis(), books));
        return new Tensor(name, role, shape, t.values, mask, t.clusters, q, Precision.FP32);
    }

    /**
     * The spec of the same kind (bits, signedness, symmetry, axis) fitted to the centroids: one
     * scale per codebook. Throws when the tensor is not clustered.
     */
    public QuantSpec refitCentroids(QuantSpec kind) {
        if (clusters == null) {
            throw new IllegalStateException(name + " is not clustered");
        }
        List<Codebook> books = clusters.books();
        float[] mins = new float[books.size()];
        float[] maxs = new float[books.size()];
        for (int c = 0; c < books.size(); c++) {
            for (float x : books.get(c).centroids()) {
                mins[c] = Math.min(mins[c], x);
                maxs[c] = Math.max(maxs[c], x);
            }
        }
        return QuantSpec.fromRanges(kind.bits(), kind.signed(), kind.symmetric(), clusters.axis(),
                mins, maxs);
    }

    /** A copy stored as fp16/bf16 (values or centroids rounded); not for quantised tensors. */
    public Tensor withPrecision(Precision p) {
        if (quant != null && p != Precision.FP32) {
            throw new IllegalArgumentException(name + " is quantised to " + quant.bits()
                    + " bits; it has no float precision to change");
        }
        if (clusters == null) {
            return new Tensor(name, role, shape, rounded(values.clone(), p), mask, null, null, p);
        }
        List<Codebook> books = new ArrayList<>();
        for (Codebook b : clusters.books()) {
            books.add(b.withCentroids(rounded(b.centroids(), p)));
        }
        Tensor t = withClusters(new Clusters(clusters.axis(), books));
        return new Tensor(name, role, shape, t.values, mask, t.clusters, null, p);
    }

    private static QuantSpec refit(float[] v, int[] shape, QuantSpec kind) {
        return kind.perChannel()
                ? WeightQuantizer.perChannel(v, shape, kind.axis(), kind.bits(), kind.signed(),
                        kind.symmetric())
                : WeightQuantizer.perTensor(v, kind.bits(), kind.signed(), kind.symmetric());
    }

    private static float[] onGrid(float[] v, int[] shape, QuantSpec q) {
        return Quantizer.dequantize(Quantizer.quantize(v, shape, q), shape, q);
    }

    private static float[] rounded(float[] v, Precision p) {
        if (p == Precision.FP16) {
            Float16.roundInPlace(v);
        } else if (p == Precision.BF16) {
            BFloat16.roundInPlace(v);
        }
        return v;
    }

    private static void applyMask(float[] v, boolean[] m) {
        if (m != null) {
            for (int i = 0; i < v.length; i++) {
                if (!m[i]) {
                    v[i] = 0f;
                }
            }
        }
    }

    /**
     * The compression state in a few words, e.g. {@code 16 clusters, int8 per channel} or
     * {@code fp16}; empty for a plain fp32 tensor (pruning shows in the non-zero counts).
     */
    public String describeCompression() {
        List<String> parts = new ArrayList<>();
        if (clusters != null) {
            parts.add(clusters.maxClusters() + " clusters"
                    + (clusters.perChannel() ? " per channel" : ""));
        }
        if (quant != null) {
            String kind = (quant.signed() ? "int" : "uint") + quant.bits();
            parts.add(kind + (quant.perChannel() ? " per channel" : ""));
        }
        if (precision != Precision.FP32) {
            parts.add(precision.label());
        }
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
