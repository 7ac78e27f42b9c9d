package mcs.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Session;
import mcs.runtime.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work that makes the first cells faster: loading the interpreter's classes (in a
 * throwaway session) and starting ND4J.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final String SAMPLE = "xs = [1, 2, 3]\nn = len(xs)\nr = range(2)\n";

    private Warmup() {
    }

    static void interpreter() {
        long t0 = System.nanoTime();
        try {
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
            new Session(Output.of(nowhere, nowhere)).execute(new SourceText("warmup", SAMPLE),
                    null);
            LOG.debug("warm-up: interpreter in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("warm-up of the interpreter failed: {}", e.toString());
        }
    }

    static void engine() {
        long t0 = System.nanoTime();
        try {
            Engine.init();
            LOG.debug("warm-up: engine in {} ms", (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("the numeric engine did not start (the cell that needs it will say why): "
                    + "{}", e.toString());
        }
    }
}
