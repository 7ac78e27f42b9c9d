package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Tensor;
import mcs.runtime.quant.Channels;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;

/**
 * One quantised or fp16/bf16 tensor trained with fp32 master weights: {@link #toGrid} saves the
 * masters and writes their on-grid values for the forward pass (the tensor's own rule,
 * {@link Tensor#withValues}: mask applied, scales refitted to the masters' range, values
 * quantised and dequantised); {@link #restore} puts the masters back so the optimizer updates
 * them with the gradient computed at the grid values (straight-through estimator).
 */
final class GridWeights {

    private final Tensor tensor;
    private final int offset;
    private final float[] master;
    private final float[] grid;
    private final boolean[] mask;
    private final QuantSpec kind;
    private final int[] shape;

    GridWeights(Tensor tensor, int offset) {
        this.tensor = tensor;
        this.offset = offset;
        this.master = new float[tensor.size()];
        this.grid = new float[tensor.size()];
        this.mask = tensor.mask();
        this.kind = tensor.quant();
        this.shape = tensor.shape();
    }

    void toGrid(FloatBuffer p) {
        p.get(offset, master, 0, master.length);
        if (kind == null) { // fp16/bf16: rounding through the tensor is cheap enough
            p.put(offset, tensor.withValues(master).values(), 0, master.length);
            return;
        }
        // what tensor.withValues(master) computes, in place and without allocating
        System.arraycopy(master, 0, grid, 0, grid.length);
        if (mask != null) {
            for (int i = 0; i < grid.length; i++) {
                grid[i] = mask[i] ? grid[i] : 0f;
            }
        }
        Channels ch = kind.perChannel() ? Channels.of("quantize", shape, kind.axis(), grid.length)
                : new Channels(1, 1, grid.length);
        float[] mins = new float[ch.count()];
        float[] maxs = new float[ch.count()];
        if (!ranges(ch, mins, maxs)) { // a NaN or infinity: let the tensor's rule report it
            p.put(offset, tensor.withValues(master).values(), 0, master.length);
            return;
        }
        QuantSpec spec = QuantSpec.fromRanges(kind.bits(), kind.signed(), kind.symmetric(),
                kind.perChannel() ? kind.axis() : QuantSpec.PER_TENSOR, mins, maxs);
        float[] scales = spec.scales();
        int[] zps = spec.zeroPoints();
        int qmin = spec.qmin(), qmax = spec.qmax();
        Kernels.parallel(ch.outer(), (from, to) -> {
            int i = from * ch.count() * ch.inner();
            for (int o = from; o < to; o++) {
                for (int c = 0; c < ch.count(); c++) {
                    float sc = scales[c];
                    int zp = zps[c];
                    for (int k = 0; k < ch.inner(); k++, i++) {
                        grid[i] = Quantizer.dequantize(
                                Quantizer.quantize(grid[i], sc, zp, qmin, qmax), sc, zp);
                    }
                }
            }
        });
        p.put(offset, grid, 0, grid.length);
    }

    /** Each channel's min and max in one row-major pass; false if a value is not finite. */
    private boolean ranges(Channels ch, float[] mins, float[] maxs) {
        java.util.Arrays.fill(mins, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(maxs, Float.NEGATIVE_INFINITY);
        boolean finite = true;
        int i = 0;
        for (int o = 0; o < ch.outer(); o++) {
            for (int c = 0; c < ch.count(); c++) {
                float lo = mins[c], hi = maxs[c];
                for (int k = 0; k < ch.inner(); k++, i++) {
                    float x = grid[i];
                    lo = x < lo ? x : lo;
                    hi = x > hi ? x : hi;
                    finite &= x - x == 0f;
                }
                mins[c] = lo;
                maxs[c] = hi;
            }
        }
        return finite;
    }

    void restore(FloatBuffer p) {
        p.put(offset, master, 0, master.length);
    }
}
