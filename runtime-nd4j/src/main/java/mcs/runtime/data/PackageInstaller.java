package mcs.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Installs an operating-system package that provides a dataset. */
@FunctionalInterface
public interface PackageInstaller {

    /** Installs {@code pkg}; returns null on success, else why it could not. */
    String install(String pkg);

    /** Never installs anything. */
    PackageInstaller NONE = pkg -> null;

    /**
     * Debian/Ubuntu's apt-get, used only when running as root; the install is announced through
     * {@code notices} and apt-get's own output goes to standard error.
     */
    static PackageInstaller aptGet(Consumer<String> notices) {
        return pkg -> {
            if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
                return "apt-get is not available on this system";
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                return "installing it needs root";
            }
            notices.accept("installing " + pkg + " with: apt-get install -y " + pkg);
            try {
                if (run(List.of("apt-get", "install", "-y", pkg)) == 0) {
                    return null;
                }
                notices.accept("retrying after: apt-get update");
                run(List.of("apt-get", "update"));
                return run(List.of("apt-get", "install", "-y", pkg)) == 0 ? null
                        : "apt-get install -y " + pkg + " failed";
            } catch (IOException e) {
                return "apt-get could not run: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while installing " + pkg;
            }
        };
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        // apt-get's progress belongs on stderr so a script's stdout stays its own
        pb.redirectOutput(ProcessBuilder.Redirect.to(new java.io.File("/dev/stderr")));
        return pb.start().waitFor();
    }
}
