package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.runtime.model.Model;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All trainable parameters of a model in one flat array, gradients in another of the same
 * layout, and the pruning masks; layers see their tensors as views. Non-trainable tensors
 * (BatchNorm statistics) are held as plain arrays.
 *
 * <p>Compression state is kept while training. Clustered tensors train their centroids: every
 * weight of a cluster gets the cluster's summed gradient (tfmot's cluster-aware training), so
 * weights that start tied stay tied under any element-wise optimizer. Quantised and fp16/bf16
 * tensors train fp32 master weights while the forward pass sees them on the grid (fake
 * quantisation with the straight-through estimator, the scales refitted at every step as
 * tfmot's weight quantisers do).
 */
final class ParamStore {

    /** Where one trainable tensor lives in the flat arrays. */
    record Slot(Tensor tensor, int offset, int size) { }

    final INDArray params;
    final INDArray grads;
    final FloatBuffer p;
    final FloatBuffer g;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, float[]> fixed = new LinkedHashMap<>();
    private final Map<String, boolean[]> masks = new LinkedHashMap<>();
    /** Each mask as 32-bit ANDs: all ones where kept, 0 where pruned. */
    private final Map<String, int[]> keepBits = new java.util.HashMap<>();
    private final java.util.Set<String> remasked = new java.util.HashSet<>();
    private final List<TiedWeights> tied = new ArrayList<>();
    private final List<GridWeights> gridded = new ArrayList<>();
    private final int size;

    ParamStore(Model model) {
        int n = 0;
        for (Tensor t : model.tensors()) {
            if (t.role().trainable()) {
                slots.put(t.name(), new Slot(t, n, t.size()));
                n += t.size();
            } else {
                fixed.put(t.name(), t.values());
            }
            if (t.hasMask()) {
                masks.put(t.name(), t.mask());
            }
        }
        size = n;
        float[] all = new float[Math.max(n, 1)];
        for (Slot s : slots.values()) {
            s.tensor().copyTo(all, s.offset());
        }
        params = Nd4j.create(all, new long[] {all.length}, DataType.FLOAT);
        grads = Nd4j.zeros(DataType.FLOAT, all.length);
        p = params.data().asNioFloat();
        g = grads.data().asNioFloat();
        for (Slot s : slots.values()) {
            Tensor t = s.tensor();
            if (t.clusters() != null) {
                tied.add(TiedWeights.of(t, s.offset()));
            } else if (t.quant() != null || t.precision() != Precision.FP32) {
                gridded.add(new GridWeights(t, s.offset()));
            }
        }
    }

    /** Gives every weight of a cluster the cluster's summed gradient. */
    void tieGradients() {
        for (TiedWeights t : tied) {
            t.tie(g);
        }
    }

    /** Puts quantised/reduced-precision weights on their grid for the forward pass. */
    void toGrid() {
        for (GridWeights w : gridded) {
            w.toGrid(p);
        }
    }

    /** Restores the fp32 master weights (after the backward pass, before the update). */
    void toMasters() {
        for (GridWeights w : gridded) {
            w.restore(p);
        }
    }

    int size() {
        return size;
    }

    Slot slot(String name) {
        Slot s = slots.get(name);
        if (s == null) {
            throw new IllegalStateException("no trainable tensor " + name);
        }
        return s;
    }

    /** A view of a tensor in the parameter array, in the given shape (row-major). */
    INDArray param(String name, long... shape) {
        return view(params, slot(name), shape);
    }

    INDArray grad(String name, long... shape) {
        return view(grads, slot(name), shape);
    }

    private static INDArray view(INDArray flat, Slot s, long... shape) {
        return flat.get(NDArrayIndex.interval(s.offset(), s.offset() + s.size())).reshape('c', shape);
    }

    /** A non-trainable tensor's live values (BatchNorm statistics), updated in place. */
    float[] fixed(String name) {
        return fixed.get(name);
    }

    /** Sets a tensor's mask and zeroes its pruned weights. */
    void setMask(String name, boolean[] mask) {
        masks.put(name, mask);
        keepBits.remove(name);
        remasked.add(name);
        zeroMasked(p, name);
    }

    float[] current(String name) {
        Slot s = slot(name);
        float[] v = new float[s.size()];
        p.get(s.offset(), v, 0, v.length);
        return v;
    }

    /** Zeroes the gradients of pruned weights, so optimizer state stays clean. */
    void maskGradients() {
        for (String name : masks.keySet()) {
            if (slots.containsKey(name)) {
                zeroMasked(g, name);
            }
        }
    }

    /** Re-applies every mask to the weights (after an optimizer step). */
    void maskParams() {
        for (String name : masks.keySet()) {
            if (slots.containsKey(name)) {
                zeroMasked(p, name);
            }
        }
    }

    /**
     * Pruned positions to +0 without a branch per weight (at 50-70% sparsity "is this one
     * pruned" is a coin toss the branch predictor loses: it halved LeNet-300's training speed
     * mid-schedule): each value is ANDed with all ones (kept) or all zeros (pruned).
     */
    private void zeroMasked(FloatBuffer buf, String name) {
        Slot s = slot(name);
        int[] bits = keepBits.computeIfAbsent(name, n -> {
            boolean[] m = masks.get(n);
            int[] b = new int[m.length];
            for (int i = 0; i < m.length; i++) {
                b[i] = m[i] ? -1 : 0;
            }
            return b;
        });
        int off = s.offset();
        for (int i = 0; i < bits.length; i++) {
            buf.put(off + i, Float.intBitsToFloat(Float.floatToRawIntBits(buf.get(off + i))
                    & bits[i]));
        }
    }

    /** The current values as tensors, masks included, to build the trained model. */
    List<Tensor> export() {
        List<Tensor> out = new ArrayList<>();
        for (Slot s : slots.values()) {
            String name = s.tensor().name();
            Tensor t = remasked.contains(name) ? s.tensor().withMask(masks.get(name)) : s.tensor();
            out.add(t.withValues(current(name)));
        }
        return out;
    }

    Map<String, float[]> fixedTensors() {
        return fixed;
    }
}
