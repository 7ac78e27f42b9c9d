package mcs.runtime.analysis;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.Model;

/**
 * Multiply-accumulates of one forward pass per sample, the usual measure of a network's
 * compute: {@code in * out} for a dense layer, {@code out positions * filters * in channels /
 * groups * kernel area} for a convolution; everything else counts nothing. Weights are counted
 * as stored, zeros included: only removing structure lowers it.
 */
public final class Macs {

    private Macs() {
    }

    public static long of(Model model) {
        List<Layer> all = new ArrayList<>();
        model.layers().forEach(l -> l.flattenInto(all));
        long macs = 0;
        for (Layer l : all) {
            macs += of(l);
        }
        return macs;
    }

    /** One layer's multiply-accumulates per sample (0 for containers: count their children). */
    public static long of(Layer l) {
        if (l.spec() instanceof LayerSpec.Dense d) {
            return (long) l.input().size() * d.units();
        }
        if (l.spec() instanceof LayerSpec.Conv2D c) {
            return (long) l.output().height() * l.output().width() * c.filters()
                    * (l.input().channels() / c.groups())
                    * c.window().kernelH() * c.window().kernelW();
        }
        return 0;
    }
}
