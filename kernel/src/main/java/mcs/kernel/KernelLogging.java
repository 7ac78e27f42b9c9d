package mcs.kernel;

/**
 * Logging in the kernel process, set before any logger exists: warnings and errors on stderr,
 * which Jupyter shows in its own log (without timestamps: their locale data costs start-up
 * time); ND4J's and javacpp's chatter only when it is an error, javacpp through SLF4J; the
 * SLF4J provider named, so no jar is scanned for one. Properties given on the command line win.
 */
final class KernelLogging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private KernelLogging() {
    }

    static void configure() {
        // names SLF4J's provider, so it does not scan every jar of the class path for one
        setIfAbsent("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        setIfAbsent("org.bytedeco.javacpp.logger", "slf4j");
        setIfAbsent(PREFIX + "defaultLogLevel", "warn");
        setIfAbsent(PREFIX + "log.org.nd4j", "error");
        setIfAbsent(PREFIX + "log.org.bytedeco", "error");
        setIfAbsent(PREFIX + "log.org.zeromq", "error");
        setIfAbsent(PREFIX + "log.io.jhdf", "error");
        setIfAbsent(PREFIX + "logFile", "System.err");
        setIfAbsent("slf4j.internal.verbosity", "WARN");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
