package mcs.interpreter.sweep;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mcs.runtime.InvalidInputException;

/**
 * The sweep engine of this JVM, started on first use and kept for later sweeps. Spark is loaded
 * only then: from the class path when it is there (tests, a build with it), else from the
 * folder of jars {@value #LIB_PROPERTY} names (the launcher's), in a class loader of its own, so
 * that a REPL that never sweeps never reads those jars.
 */
public final class Engines {

    /** The cluster {@code mcs --master} gave, e.g. {@code spark://host:7077}. */
    public static final String MASTER_PROPERTY = "mcs.spark.master";
    /** A folder holding Spark's jars and mcs's engine for it. */
    public static final String LIB_PROPERTY = "mcs.spark.lib";
    private static final String ENGINE = "mcs.sweep.SparkEngine";

    private static SweepEngine engine;
    private static String key;
    /** Spark's classes, loaded once: an engine opened again reuses them. */
    private static ClassLoader sparkLoader;
    private static boolean hooked;

    private Engines() {
    }

    /** The master sweeps use when none is named: {@code mcs --master}'s, or null (embedded). */
    public static String defaultMaster() {
        String m = System.getProperty(MASTER_PROPERTY);
        return m == null || m.isBlank() ? null : m;
    }

    /**
     * An engine on {@code master} (null: embedded, {@code slots} tasks at once), reusing the
     * running one when it has the same settings and stopping it when not (or after
     * {@link #closeQuietly}: a new one starts in the same class loader).
     */
    public static synchronized SweepEngine open(String master, int slots) {
        String wanted = master == null ? "local:" + slots : master;
        if (engine != null && wanted.equals(key)) {
            return engine;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (sparkLoader == null) {
            sparkLoader = loader();
        }
        ClassLoader loader = sparkLoader;
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Class<?> c = Class.forName(ENGINE, true, loader);
            engine = (SweepEngine) c.getConstructor(String.class, int.class)
                    .newInstance(master, slots);
            key = wanted;
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(Engines::closeQuietly));
                hooked = true;
            }
            return engine;
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the sweep engine: " + cause, cause);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** Stops the engine if one runs. */
    public static synchronized void closeQuietly() {
        if (engine != null) {
            try {
                engine.close();
            } catch (RuntimeException ignored) {
                // stopping at exit: nothing left to tell
            }
            engine = null;
            key = null;
        }
    }

    private static ClassLoader loader() {
        ClassLoader own = Engines.class.getClassLoader();
        try {
            Class.forName(ENGINE, false, own);
            return own;
        } catch (ClassNotFoundException e) {
            // not on the class path: the launcher's folder of jars
        }
        String lib = System.getProperty(LIB_PROPERTY);
        if (lib == null) {
            throw new InvalidInputException("sweeps need Spark, which this mcs was started "
                    + "without; start mcs with ./mcs (it sets -D" + LIB_PROPERTY + ")");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(Path.of(lib))) {
            for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read Spark's jars in " + lib + ": "
                    + e.getMessage() + " (rebuild mcs: mvn -B install -DskipTests)");
        }
        if (urls.isEmpty()) {
            throw new InvalidInputException("no Spark jars in " + lib
                    + " (rebuild mcs: mvn -B install -DskipTests)");
        }
        return new URLClassLoader("spark", urls.toArray(URL[]::new), own);
    }

    /** The class path executors need: this JVM's, and the Spark folder's jars if there is one. */
    public static String executorClassPath() {
        List<String> parts = new ArrayList<>(List.of(System.getProperty("java.class.path")
                .split(File.pathSeparator)));
        String lib = System.getProperty(LIB_PROPERTY);
        if (lib != null) {
            parts.add(Path.of(lib).toAbsolutePath() + File.separator + "*");
        }
        return String.join(File.pathSeparator, parts);
    }
}
