package mcs.runtime.keras;

import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;

/**
 * The weights read from an HDF5 file, by Keras layer name. A weight is found by the end of its
 * short name: {@code kernel} finds {@code dense_1/kernel:0} and Keras 1's {@code dense_1_W}
 * is found by {@code W}.
 */
record Weights(String source, Map<String, List<H5File.Weight>> byLayer) {

    Weights {
        byLayer = Map.copyOf(byLayer);
        for (Map.Entry<String, List<H5File.Weight>> e : byLayer.entrySet()) {
            for (H5File.Weight w : e.getValue()) {
                for (float v : w.values()) {
                    if (!Float.isFinite(v)) {
                        throw new InvalidInputException(source + ": weight " + w.name()
                                + " of layer " + e.getKey() + " holds " + v
                                + "; only finite weights can be imported");
                    }
                }
            }
        }
    }

    static Weights of(H5File file) {
        return new Weights(file.path().toString(), file.weights());
    }

    /** The first weight of the layer matching one of the suffixes, in suffix order; or null. */
    H5File.Weight find(String layer, String... suffixes) {
        List<H5File.Weight> ws = byLayer.get(layer);
        if (ws == null) {
            return null;
        }
        for (String suffix : suffixes) {
            for (H5File.Weight w : ws) {
                String s = w.shortName();
                if (s.equals(suffix) || s.endsWith("_" + suffix)) {
                    return w;
                }
            }
        }
        return null;
    }
}
