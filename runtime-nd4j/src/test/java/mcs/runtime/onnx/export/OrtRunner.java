package mcs.runtime.onnx.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import mcs.runtime.model.Shape;

/** Runs an exported model in ONNX Runtime, the independent reference for the export tests. */
final class OrtRunner implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int[] sampleDims;

    /**
     * A session with ONNX Runtime's default optimisations, except that a weight-only int8
     * MatMul that it fuses into MatMulNBits computes in float (accuracy level 1) rather than
     * with int8-quantised activations (its default, level 4): so the file's arithmetic is what
     * is compared. {@link #withDefaults} keeps level 4, as a user gets it.
     */
    OrtRunner(byte[] onnx, Shape input) throws OrtException {
        this(onnx, input, true);
    }

    private OrtRunner(byte[] onnx, Shape input, boolean floatMatMul) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(2);
            if (floatMatMul) {
                options.addConfigEntry("session.qdq_matmulnbits_accuracy_level", "1");
            }
            this.session = env.createSession(onnx, options);
        }
        this.sampleDims = input.dims();
    }

    /** A session with all of ONNX Runtime's defaults. */
    static OrtRunner withDefaults(byte[] onnx, Shape input) throws OrtException {
        return new OrtRunner(onnx, input, false);
    }

    /** The {@code logits} output for {@code batch} samples laid out one after another. */
    float[] run(float[] inputs, int batch) throws OrtException {
        long[] shape = new long[sampleDims.length + 1];
        shape[0] = batch;
        for (int i = 0; i < sampleDims.length; i++) {
            shape[i + 1] = sampleDims[i];
        }
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs), shape);
             OrtSession.Result r = session.run(Map.of(Lowering.INPUT, x))) {
            OnnxTensor y = (OnnxTensor) r.get(Lowering.OUTPUT).orElseThrow();
            FloatBuffer fb = y.getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths " + a.length + " and " + b.length);
        }
        float m = 0f;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
