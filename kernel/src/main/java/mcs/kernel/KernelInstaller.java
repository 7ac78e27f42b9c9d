package mcs.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code mcs kernel install [--user] [--prefix P] [--name N]}: writes the mcs kernelspec where
 * {@code jupyter kernelspec list} finds it, as {@code jupyter kernelspec install} would:
 * system-wide ({@code /usr/local/share/jupyter/kernels}), for the user
 * ({@code $JUPYTER_DATA_DIR}, else {@code ~/.local/share/jupyter}), or under a prefix
 * ({@code P/share/jupyter/kernels}). The spec runs the installed {@code mcs} launcher (system
 * property {@code mcs.launcher}, set by {@code ./mcs}), or else {@code java -cp} this jar.
 */
public final class KernelInstaller {

    static final String DEFAULT_NAME = "mcs";
    static final String LAUNCHER_PROPERTY = "mcs.launcher";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** Where to install: --user, --prefix and --name. */
    record Options(boolean user, Path prefix, String name) { }

    /** A command line that cannot be understood. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private KernelInstaller() {
    }

    /**
     * Installs; {@code args} may start with {@code kernel} and {@code install}. Returns 0, 64
     * for a usage error, 74 when the spec cannot be written.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("mcs kernel install: " + e.getMessage());
            err.println("usage: mcs kernel install [--user] [--prefix P] [--name N]");
            return KernelMain.USAGE;
        }
        if (options == null) {
            out.print(KernelCommand.HELP);
            return KernelMain.OK;
        }
        Path dir = kernelsDir(options, System.getenv(), System.getProperty("os.name"),
                System.getProperty("user.home")).resolve(options.name());
        KernelSpec spec = new KernelSpec(argv(System.getProperty(LAUNCHER_PROPERTY)),
                options.name().equals(DEFAULT_NAME) ? "mcs" : "mcs (" + options.name() + ")");
        try {
            spec.write(dir);
        } catch (AccessDeniedException e) {
            err.println("mcs kernel install: cannot write " + dir + ": permission denied"
                    + (options.user() || options.prefix() != null ? ""
                    : "; use --user to install it for yourself"));
            return KernelMain.IO_ERROR;
        } catch (IOException | RuntimeException e) {
            err.println("mcs kernel install: cannot write " + dir + ": " + e);
            return KernelMain.IO_ERROR;
        }
        out.println("Installed kernelspec " + options.name() + " in " + dir);
        return KernelMain.OK;
    }

    /** The options, or null for --help. */
    static Options parse(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("kernel")) {
            rest.remove(0);
        }
        if (!rest.isEmpty() && rest.get(0).equals("install")) {
            rest.remove(0);
        }
        boolean user = false;
        Path prefix = null;
        String name = DEFAULT_NAME;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            switch (key) {
                case "--user" -> user = true;
                case "--prefix", "--name" -> {
                    String value = a.contains("=") ? a.substring(a.indexOf('=') + 1)
                            : i + 1 < rest.size() ? rest.get(++i) : null;
                    if (value == null || value.isEmpty()) {
                        throw new UsageException(key + " needs a value");
                    }
                    if (key.equals("--prefix")) {
                        prefix = Path.of(value);
                    } else {
                        name = value;
                    }
                }
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new UsageException("unknown argument " + a);
            }
        }
        if (user && prefix != null) {
            throw new UsageException("give --user or --prefix, not both");
        }
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("a kernel name is letters, digits, '.', '_' and '-'; got "
                    + name);
        }
        return new Options(user, prefix, name.toLowerCase(Locale.ROOT));
    }

    /** The {@code kernels} directory Jupyter reads for these options (jupyter_core's paths). */
    static Path kernelsDir(Options o, Map<String, String> env, String os, String home) {
        if (o.prefix() != null) {
            return o.prefix().toAbsolutePath().resolve("share/jupyter/kernels");
        }
        String osName = os == null ? "" : os.toLowerCase(Locale.ROOT);
        boolean windows = osName.startsWith("windows");
        if (o.user()) {
            String data = env.get("JUPYTER_DATA_DIR");
            if (data != null && !data.isEmpty()) {
                return Path.of(data).toAbsolutePath().resolve("kernels");
            }
            if (osName.contains("mac")) {
                return Path.of(home, "Library", "Jupyter", "kernels");
            }
            if (windows) {
                return Path.of(env.getOrDefault("APPDATA", home), "jupyter", "kernels");
            }
            String xdg = env.get("XDG_DATA_HOME");
            Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                    : Path.of(home, ".local", "share");
            return base.resolve("jupyter").resolve("kernels");
        }
        return windows ? Path.of(env.getOrDefault("PROGRAMDATA", "C:\\ProgramData"), "jupyter",
                "kernels") : Path.of("/usr/local/share/jupyter/kernels");
    }

    /**
     * The command Jupyter runs: {@code [launcher, "kernel", "-f", "{connection_file}"]}, or
     * without a launcher {@code [java, "-cp", classpath, KernelMain, "-f", ...]}.
     */
    static List<String> argv(String launcher) {
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString(), "kernel",
                    "-f", "{connection_file}");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-cp", classpath(), KernelMain.class.getName(), "-f",
                "{connection_file}");
    }

    /** This jar when running from one, else the whole class path made absolute. */
    static String classpath() {
        CodeSource source = KernelInstaller.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null) {
                Path here = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(here)) {
                    return here.toAbsolutePath().toString();
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            // fall back to the class path
        }
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .stream().filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
