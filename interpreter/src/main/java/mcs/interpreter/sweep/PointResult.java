package mcs.interpreter.sweep;

import java.io.Serializable;

/**
 * What one sweep point measured: accuracy on the validation split carved from the training
 * data and on the test split, the {@code .mcz} file's bytes and ratio to the base's dense fp32
 * bytes, non-zero weights, median latency at batch 1 (ms), the seconds it took, and the model
 * file itself; or, for a point that failed, its error.
 */
public record PointResult(SweepPoint point, String error, double valAccuracy, double accuracy,
                          long bytes, double ratio, long nonzeros, double latencyMs,
                          double seconds, byte[] mcz) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static PointResult failed(SweepPoint point, String error, double seconds) {
        return new PointResult(point, error, Double.NaN, Double.NaN, -1, Double.NaN, -1,
                Double.NaN, seconds, null);
    }

    public boolean ok() {
        return error == null;
    }

    /**
     * The same figures as the result of point {@code p} (the same recipe, numbered as in this
     * sweep), without the model file: a row read back from a results file.
     */
    public PointResult at(SweepPoint p) {
        return new PointResult(p, error, valAccuracy, accuracy, bytes, ratio, nonzeros,
                latencyMs, seconds, null);
    }
}
