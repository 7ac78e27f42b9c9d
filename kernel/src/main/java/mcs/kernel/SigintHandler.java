package mcs.kernel;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGINT (Ctrl-C in the terminal that started Jupyter, or a frontend's signal) interrupts the
 * running cell instead of ending the JVM. Uses {@code sun.misc.Signal} reflectively (as JLine
 * does), so the kernel still runs where that API is missing, just without the handler.
 */
final class SigintHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SigintHandler.class);

    private SigintHandler() {
    }

    /** Runs {@code onInterrupt} for each SIGINT from now on; false when it cannot. */
    static boolean install(Runnable onInterrupt) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            InvocationHandler call = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    LOG.info("SIGINT: interrupting the running cell");
                    onInterrupt.run();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "SigintHandler";
                };
            };
            Object proxy = Proxy.newProxyInstance(SigintHandler.class.getClassLoader(),
                    new Class<?>[] {handler}, call);
            Object sigint = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handler).invoke(null, sigint, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("cannot handle SIGINT ({}); Ctrl-C will end the kernel", e.toString());
            return false;
        }
    }
}
