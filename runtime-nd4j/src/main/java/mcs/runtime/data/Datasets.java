package mcs.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import mcs.runtime.InvalidInputException;

/**
 * Finds and loads the named datasets ({@code fashion-mnist}, {@code mnist}). Looks in, in order:
 * a directory the user gives, {@code $MCS_DATA} (and its sub-directory named after the
 * dataset), {@code ~/.cache/mcs/<name>}, and {@code /usr/share/datasets/<name>} (Debian's
 * packages). Loaded datasets are cached, as they are immutable.
 */
public final class Datasets {

    /** Known dataset names and the Debian package that provides them, if any. */
    private static final Map<String, String> KNOWN = Map.of(
            "fashion-mnist", "dataset-fashion-mnist",
            "mnist", "");
    private static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final Map<Path, Dataset> CACHE = new ConcurrentHashMap<>();

    private final Map<String, String> env;
    private final Path home;
    private final Consumer<String> notices;
    private final PackageInstaller installer;

    /**
     * @param env environment variables (for {@code MCS_DATA})
     * @param home the user's home directory
     * @param notices where announcements go (e.g. "installing ...")
     * @param installer installs a Debian package, or refuses with an explanation
     */
    public Datasets(Map<String, String> env, Path home, Consumer<String> notices,
                    PackageInstaller installer) {
        this.env = env;
        this.home = home;
        this.notices = notices;
        this.installer = installer;
    }

    /** The system's environment, home directory and apt-get. */
    public static Datasets system(Consumer<String> notices) {
        return new Datasets(System.getenv(), Path.of(System.getProperty("user.home")), notices,
                PackageInstaller.aptGet(notices));
    }

    public static List<String> names() {
        return List.of("fashion-mnist", "mnist");
    }

    /** Loads a dataset by name, from {@code dir} if not null, else from the usual places. */
    public Dataset load(String name, Path dir) {
        String key = name.toLowerCase(Locale.ROOT);
        if (dir != null) {
            Path found = findIn(dir);
            if (found == null) {
                throw new InvalidInputException("no " + name + " files in " + dir + "; expected "
                        + String.join(", ", FILES) + " (optionally .gz)");
            }
            return loadFrom(key, found);
        }
        if (!KNOWN.containsKey(key)) {
            throw new InvalidInputException("unknown dataset \"" + name + "\"; known: "
                    + String.join(", ", names()) + ", or use idx(images, labels)");
        }
        Path found = locate(key);
        if (found == null) {
            found = install(key);
        }
        return loadFrom(key, found);
    }

    /** The directories searched for a dataset, in order. */
    public List<Path> searchPath(String name) {
        List<Path> dirs = new ArrayList<>();
        String data = env.get("MCS_DATA");
        if (data != null && !data.isBlank()) {
            dirs.add(Path.of(data).resolve(name));
            dirs.add(Path.of(data));
        }
        dirs.add(home.resolve(".cache").resolve("mcs").resolve(name));
        dirs.add(Path.of("/usr/share/datasets").resolve(name));
        return dirs;
    }

    private Path locate(String name) {
        for (Path d : searchPath(name)) {
            Path f = findIn(d);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private Path install(String name) {
        String pkg = KNOWN.get(name);
        StringBuilder where = new StringBuilder();
        for (Path d : searchPath(name)) {
            where.append("\n  ").append(d);
        }
        String manual = "download " + String.join(", ", FILES) + " (.gz is fine) into "
                + home.resolve(".cache/mcs/" + name) + " or a directory named by $MCS_DATA";
        if (pkg.isEmpty()) {
            throw new InvalidInputException(name + " not found; looked in:" + where + "\nTo get it, "
                    + manual);
        }
        String why = installer.install(pkg);
        Path found = locate(name);
        if (found == null) {
            throw new InvalidInputException(name + " not found; looked in:" + where + "\n"
                    + (why == null ? "" : why + "\n") + "To get it, run: sudo apt-get install "
                    + pkg + "\nor " + manual);
        }
        return found;
    }

    private static Path findIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        for (String f : FILES) {
            if (resolve(dir, f) == null) {
                return null;
            }
        }
        return dir;
    }

    private static Path resolve(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base, base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Dataset loadFrom(String name, Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            key = dir.toAbsolutePath();
        }
        return CACHE.computeIfAbsent(key, k -> new Dataset(name,
                Idx.read("train", resolve(dir, FILES[0]), resolve(dir, FILES[1])),
                Idx.read("test", resolve(dir, FILES[2]), resolve(dir, FILES[3]))));
    }
}
