package mcs.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A kernelspec directory: {@code kernel.json} (argv with {@code {connection_file}}, display
 * name, language, {@code interrupt_mode: message}) and the logos. Written into a temporary
 * directory beside the target and then moved into place, so a failed install leaves no
 * half-written spec.
 */
record KernelSpec(List<String> argv, String displayName) {

    KernelSpec {
        argv = List.copyOf(argv);
    }

    String json() {
        JsonObject o = new JsonObject();
        JsonArray args = new JsonArray();
        argv.forEach(args::add);
        o.add("argv", args);
        o.addProperty("display_name", displayName);
        o.addProperty("language", KernelInfo.LANGUAGE);
        o.addProperty("interrupt_mode", "message");
        JsonObject metadata = new JsonObject();
        metadata.addProperty("debugger", false);
        o.add("metadata", metadata);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o)
                + "\n";
    }

    /** Writes the spec as directory {@code dir}, replacing what was there. */
    void write(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempDirectory(parent, "." + dir.getFileName() + "-");
        try {
            Files.writeString(temp.resolve("kernel.json"), json(), StandardCharsets.UTF_8);
            Files.write(temp.resolve("logo-32x32.png"), Logo.png(32));
            Files.write(temp.resolve("logo-64x64.png"), Logo.png(64));
            Files.writeString(temp.resolve("logo-svg.svg"), Logo.svg(), StandardCharsets.UTF_8);
            delete(dir);
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            delete(temp);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
