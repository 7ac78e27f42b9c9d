package mcs.runtime.train;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.LayerSpec.Branch.Merge;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parallel paths over the same input, merged by sum, product (a per-channel or scalar result
 * broadcasts) or channel concatenation. An empty path passes the input through. Backward sends
 * each path its share of the gradient and sums what comes back.
 */
final class BranchExec extends Exec {

    private final Merge merge;
    private final List<List<Exec>> paths = new ArrayList<>();
    private final List<INDArray> outs = new ArrayList<>();
    private final List<INDArray> pathGrads = new ArrayList<>();
    private final List<INDArray> pathDIns = new ArrayList<>();
    private final int sample;
    private final int plane;
    private final FloatBuffer[] fOuts;
    private final int[] sizes;

    BranchExec(Layer layer, LayerSpec.Branch spec, INDArray in, int batch, ParamStore ps,
               boolean needInputGrad, Random random) {
        super(layer, in, batch, needInputGrad);
        this.merge = spec.merge();
        int next = 0;
        for (List<LayerSpec> p : spec.paths()) {
            List<Exec> execs = new ArrayList<>();
            INDArray x = in;
            for (int i = 0; i < p.size(); i++) {
                Exec e = Exec.create(layer.children().get(next++), x, batch, ps, true, false, random);
                execs.add(e);
                x = e.out;
            }
            paths.add(execs);
            outs.add(x);
        }
        this.out = buffer(batch, layer.output());
        this.sample = layer.output().size();
        this.plane = layer.output().isImage()
                ? layer.output().height() * layer.output().width() : 1;
        this.fOuts = new FloatBuffer[outs.size()];
        this.sizes = new int[outs.size()];
        for (int i = 0; i < outs.size(); i++) {
            fOuts[i] = fb(outs.get(i));
            sizes[i] = (int) (outs.get(i).length() / batch);
        }
    }

    @Override
    INDArray wireBackward(INDArray gradOut) {
        INDArray d = super.wireBackward(gradOut);
        for (int i = 0; i < paths.size(); i++) {
            INDArray g = Exec.buffer(batch, shapeOf(i));
            pathGrads.add(g);
            List<Exec> p = paths.get(i);
            for (int j = p.size() - 1; j >= 0; j--) {
                g = p.get(j).wireBackward(g);
            }
            pathDIns.add(g);
        }
        return d;
    }

    private mcs.runtime.model.Shape shapeOf(int path) {
        List<Exec> p = paths.get(path);
        return p.isEmpty() ? layer.input() : p.get(p.size() - 1).layer.output();
    }

    /** Index into path {@code i}'s sample for element {@code e} of the output sample. */
    private int map(int i, int e) {
        int size = sizes[i];
        return size == sample ? e : size == 1 ? 0 : e / plane;
    }

    @Override
    void forward(boolean training) {
        for (List<Exec> p : paths) {
            for (Exec e : p) {
                e.forward(training);
            }
        }
        FloatBuffer y = fb(out);
        if (merge == Merge.CONCAT) {
            int off = 0;
            for (INDArray o : outs) {
                int size = (int) (o.length() / batch);
                FloatBuffer src = fb(o);
                for (int n = 0; n < batch; n++) {
                    for (int k = 0; k < size; k++) {
                        y.put(n * sample + off + k, src.get(n * size + k));
                    }
                }
                off += size;
            }
            return;
        }
        for (int n = 0; n < batch; n++) {
            for (int e = 0; e < sample; e++) {
                y.put(n * sample + e, combine(n, e, -1));
            }
        }
    }

    /** The merge of all paths at output element e of sample n, leaving out path {@code skip}. */
    private float combine(int n, int e, int skip) {
        float acc = merge == Merge.MUL ? 1f : 0f;
        for (int i = 0; i < outs.size(); i++) {
            if (i == skip) {
                continue;
            }
            float v = fOuts[i].get(n * sizes[i] + map(i, e));
            acc = merge == Merge.MUL ? acc * v : acc + v;
        }
        return acc;
    }

    @Override
    void backward() {
        FloatBuffer d = fb(dOut);
        int off = 0;
        for (int i = 0; i < paths.size(); i++) {
            FloatBuffer g = fb(pathGrads.get(i));
            int size = (int) (pathGrads.get(i).length() / batch);
            for (int k = 0, n = size * batch; k < n; k++) {
                g.put(k, 0f);
            }
            for (int n = 0; n < batch; n++) {
                if (merge == Merge.CONCAT) {
                    for (int k = 0; k < size; k++) {
                        g.put(n * size + k, d.get(n * sample + off + k));
                    }
                    continue;
                }
                for (int e = 0; e < sample; e++) {
                    float v = d.get(n * sample + e);
                    if (merge == Merge.MUL) {
                        v *= combine(n, e, i);
                    }
                    int t = n * size + map(i, e);
                    g.put(t, g.get(t) + v);
                }
            }
            off += size;
        }
        for (List<Exec> p : paths) {
            for (int j = p.size() - 1; j >= 0; j--) {
                p.get(j).backward();
            }
        }
        if (dIn != null) {
            FloatBuffer di = fb(dIn);
            for (int k = 0, n = (int) dIn.length(); k < n; k++) {
                float s = 0f;
                for (INDArray pd : pathDIns) {
                    s += fb(pd).get(k);
                }
                di.put(k, s);
            }
        }
    }
}
