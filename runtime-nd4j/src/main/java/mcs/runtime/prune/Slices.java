package mcs.runtime.prune;

import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;

/** Keeping some indices along one axis of a tensor, for layers that physically shrink. */
final class Slices {

    private Slices() {
    }

    /**
     * The tensor with only the indices {@code keep} (ascending) along {@code axis}, or the tensor
     * itself when {@code keep} is null. The mask is sliced alike and reduced precision kept;
     * weight sharing and quantisation of a sliced tensor are dropped (it becomes plain fp32).
     */
    static Tensor keep(Tensor t, int axis, int[] keep) {
        if (keep == null) {
            return t;
        }
        int[] shape = t.shape();
        int dim = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = t.size() / (dim * inner);
        float[] v = t.values();
        boolean[] m = t.mask();
        float[] nv = new float[outer * keep.length * inner];
        boolean[] nm = m == null ? null : new boolean[nv.length];
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int k : keep) {
                int from = (o * dim + k) * inner;
                System.arraycopy(v, from, nv, at, inner);
                if (m != null) {
                    System.arraycopy(m, from, nm, at, inner);
                }
                at += inner;
            }
        }
        shape[axis] = keep.length;
        Tensor out = Tensor.of(t.name(), t.role(), shape, nv);
        if (nm != null) {
            out = out.withMask(nm);
        }
        return t.quant() == null && t.precision() != Precision.FP32
                ? out.withPrecision(t.precision()) : out;
    }

    /** Norm of each slice along {@code axis}: sum of |w| (l1) or sqrt of the sum of w^2 (l2). */
    static float[] norms(Tensor t, int axis, boolean l2) {
        int[] shape = t.shape();
        int dim = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] sum = new double[dim];
        for (int i = 0; i < t.size(); i++) {
            double w = t.value(i);
            sum[(i / inner) % dim] += l2 ? w * w : Math.abs(w);
        }
        float[] out = new float[dim];
        for (int c = 0; c < dim; c++) {
            out[c] = (float) (l2 ? Math.sqrt(sum[c]) : sum[c]);
        }
        return out;
    }

    /** The positions where a mask is true, ascending. */
    static int[] kept(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        int[] out = new int[n];
        int at = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[at++] = i;
            }
        }
        return out;
    }

    /** Each channel index expanded to its block of {@code block} features (through Flatten). */
    static int[] expand(int[] channels, int block) {
        if (block == 1) {
            return channels;
        }
        int[] out = new int[channels.length * block];
        for (int i = 0; i < channels.length; i++) {
            for (int b = 0; b < block; b++) {
                out[i * block + b] = channels[i] * block + b;
            }
        }
        return out;
    }
}
