package mcs.cli;

/**
 * Logging set-up, done before any logger exists: SLF4J's simple logger reads its settings once,
 * when the first logger is made. Quiet by default ({@code simplelogger.properties}: warnings,
 * and only errors from ND4J and javacpp); {@code --verbose} shows their info messages too.
 * javacpp logs through SLF4J instead of printing to stderr itself.
 */
final class Logging {

    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static void configure(boolean verbose) {
        setIfAbsent("org.bytedeco.javacpp.logger", "slf4j");
        if (verbose) {
            System.setProperty(PREFIX + "defaultLogLevel", "info");
            System.setProperty(PREFIX + "log.org.nd4j", "info");
            System.setProperty(PREFIX + "log.org.bytedeco", "info");
            System.setProperty(PREFIX + "showDateTime", "true");
            System.setProperty(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
