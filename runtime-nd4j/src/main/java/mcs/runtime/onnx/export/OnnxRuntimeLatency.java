package mcs.runtime.onnx.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import mcs.runtime.Cancellation;
import mcs.runtime.Engine;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import mcs.runtime.train.Latency;
import mcs.runtime.train.TrainConfig;

/**
 * Latency where a model is deployed: each model exported to ONNX, as {@code export} writes it,
 * and run in ONNX Runtime on the CPU. A model with quantised weights or activations is exported
 * as an int8 QDQ graph, which ONNX Runtime fuses into integer kernels where it has them; any
 * other model as float32. The sessions are timed alike, as {@link Latency#time} does for mcs's
 * own forward passes.
 *
 * <p>ONNX Runtime runs on a thread of its own with a large stack: started from a thread with
 * the JVM's default 1 MB main-thread stack, creating its environment crashed the JVM.
 */
public final class OnnxRuntimeLatency {

    private static final long STACK_BYTES = 64L << 20;
    private static final long INPUT_SEED = 5;

    private OnnxRuntimeLatency() {
    }

    /** How a model is exported to be timed: QDQ when anything in it is quantised. */
    public static OnnxExport.Quant exportFor(Model m) {
        if (!m.activations().isEmpty()) {
            return OnnxExport.Quant.QDQ;
        }
        for (Tensor t : m.tensors()) {
            if (t.quant() != null) {
                return OnnxExport.Quant.QDQ;
            }
        }
        return OnnxExport.Quant.NONE;
    }

    /** The median milliseconds of one ONNX Runtime run over {@code batch} samples, per model. */
    public static double[] millis(List<Model> models, int batch, Cancellation cancel) {
        TrainConfig.requireBatch(batch);
        List<byte[]> graphs = new ArrayList<>();
        for (Model m : models) {
            graphs.add(OnnxExport.toBytes(m, exportFor(m)));
        }
        AtomicReference<double[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(timed(models, graphs, batch, cancel));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "mcs-onnxruntime", STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the timing stops at the next pass once cancelled
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return result.get();
    }

    private static double[] timed(List<Model> models, List<byte[]> graphs, int batch,
                                  Cancellation cancel) {
        Runtime ort = runtime();
        List<OrtSession> sessions = new ArrayList<>();
        List<OnnxTensor> inputs = new ArrayList<>();
        try {
            List<Latency.Pass> passes = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                Model m = models.get(i);
                OrtSession s = session(ort, graphs.get(i), m);
                sessions.add(s);
                OnnxTensor x = input(ort.env(), m, batch);
                inputs.add(x);
                passes.add(() -> run(s, x, m));
            }
            return Latency.time(passes, cancel);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime: " + e.getMessage(), e);
        } finally {
            inputs.forEach(OnnxTensor::close);
            for (OrtSession s : sessions) {
                try {
                    s.close();
                } catch (OrtException ignored) {
                    // closing a session only frees it
                }
            }
        }
    }

    /**
     * ONNX Runtime's environment, and whether its sessions share its one pool of threads.
     * Each session with threads of its own was slower when sessions took turns: they spin for
     * a while after a run, as ONNX Runtime's threads do by default, and took the cores from the
     * session timed next (LeNet-5 at batch 256: 26 ms instead of 12 ms with three sessions);
     * not spinning made the int8 sessions slower (2.5 instead of 1.6 ms at batch 64). One pool
     * that spins has neither problem. An environment made earlier in the JVM without it (the
     * environment is one per process) leaves each session its own threads, not spinning.
     */
    private record Runtime(OrtEnvironment env, boolean shared) { }

    private static Runtime shared;

    private static synchronized Runtime runtime() {
        if (shared != null) {
            return shared;
        }
        try (OrtEnvironment.ThreadingOptions threads = new OrtEnvironment.ThreadingOptions()) {
            threads.setGlobalIntraOpNumThreads(Engine.threads());
            threads.setGlobalInterOpNumThreads(1);
            threads.setGlobalSpinControl(true);
            try {
                shared = new Runtime(OrtEnvironment.getEnvironment(
                        OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "mcs", threads), true);
            } catch (IllegalStateException made) {
                shared = new Runtime(OrtEnvironment.getEnvironment(), false);
            }
        } catch (OrtException | RuntimeException | LinkageError e) {
            throw new InvalidInputException("ONNX Runtime cannot start on this machine ("
                    + e.getMessage() + ")", e);
        }
        return shared;
    }

    private static OrtSession session(Runtime ort, byte[] graph, Model m) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (ort.shared()) {
                options.disablePerSessionThreads();
            } else {
                options.setIntraOpNumThreads(Engine.threads());
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            return ort.env().createSession(graph, options);
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime cannot load the export of " + m.name()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Fixed pseudo-random inputs in [0, 1), as pixels are. */
    private static OnnxTensor input(OrtEnvironment env, Model m, int batch) throws OrtException {
        int[] dims = m.input().dims();
        long[] shape = new long[dims.length + 1];
        shape[0] = batch;
        long n = batch;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
            n *= dims[i];
        }
        mcs.runtime.Memory.requireArray("the input batch", n);
        float[] v = new float[(int) n];
        Random r = new Random(INPUT_SEED);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
    }

    private static void run(OrtSession s, OnnxTensor x, Model m) {
        try (OrtSession.Result r = s.run(Map.of(Lowering.INPUT, x))) {
            if (r.size() == 0) {
                throw new IllegalStateException("no output");
            }
        } catch (OrtException e) {
            throw new InvalidInputException("ONNX Runtime cannot run the export of " + m.name()
                    + ": " + e.getMessage(), e);
        }
    }
}
