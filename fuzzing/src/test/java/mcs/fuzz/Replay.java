package mcs.fuzz;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replays a fuzz target on every file of a corpus without instrumentation and times each input,
 * to find the inputs that are slow but stay under the fuzzing timeout (a quadratic parse shows
 * here long before it times out). Each file runs twice, so the second pass runs compiled code;
 * the second pass's times are printed: the count, the mean and the slowest inputs.
 *
 * <p>{@code java mcs.fuzz.Replay CLASS METHOD DIRECTORY [SLOWEST]}; used by {@code ./fuzz -r}.
 * Exit 1 when an input fails, as it would in {@code mvn verify}.
 */
public final class Replay {

    private Replay() {
    }

    private record Timed(Path file, long nanos) { }

    public static void main(String[] args) throws Exception {
        Class<?> target = Class.forName(args[0]);
        Method method = target.getDeclaredMethod(args[1], byte[].class);
        method.setAccessible(true);
        Constructor<?> make = target.getDeclaredConstructor();
        make.setAccessible(true);
        Object instance = make.newInstance();
        int slowest = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(args[2]))) {
            files = listed.filter(Files::isRegularFile).sorted().toList();
        }
        List<Timed> times = new ArrayList<>();
        int failed = 0;
        for (int pass = 0; pass < 2; pass++) {
            times.clear();
            for (Path f : files) {
                byte[] data = Files.readAllBytes(f);
                long start = System.nanoTime();
                try {
                    method.invoke(instance, (Object) data);
                } catch (InvocationTargetException e) {
                    if (pass == 1) {
                        failed++;
                        System.out.println("failed: " + f.getFileName() + ": " + e.getCause());
                    }
                }
                times.add(new Timed(f, System.nanoTime() - start));
            }
        }
        long total = times.stream().mapToLong(Timed::nanos).sum();
        System.out.printf(Locale.ROOT, "%d inputs, mean %.2f ms, %d failed; slowest:%n",
                files.size(), files.isEmpty() ? 0.0 : total / 1e6 / files.size(), failed);
        times.stream().sorted(Comparator.comparingLong(Timed::nanos).reversed()).limit(slowest)
                .forEach(t -> System.out.printf(Locale.ROOT, "  %9.1f ms  %,9d bytes  %s%n",
                        t.nanos() / 1e6, size(t.file()), t.file()));
        System.exit(failed > 0 ? 1 : 0);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
