package mcs.runtime.train;

import java.nio.FloatBuffer;
import mcs.runtime.model.Tensor;

/**
 * One quantised or fp16/bf16 tensor trained with fp32 master weights: {@link #toGrid} saves the
 * masters and writes their on-grid values for the forward pass (the tensor's own rule,
 * {@link Tensor#withValues}); {@link #restore} puts the masters back so the optimizer updates
 * them with the gradient computed at the grid values (straight-through estimator).
 */
final class GridWeights {

    private final Tensor tensor;
    private final int offset;
    private final float[] master;

    GridWeights(Tensor tensor, int offset) {
        this.tensor = tensor;
        this.offset = offset;
        this.master = new float[tensor.size()];
    }

    void toGrid(FloatBuffer p) {
        p.get(offset, master, 0, master.length);
        p.put(offset, tensor.withValues(master).values(), 0, master.length);
    }

    void restore(FloatBuffer p) {
        p.put(offset, master, 0, master.length);
    }
}
