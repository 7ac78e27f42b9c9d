package mcs.runtime.keras;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared model fixtures ({@code shared/fixtures/models}, found by walking up from the
 * working directory) and their numpy reference outputs; tests using them are skipped with a
 * message when the folder is absent.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** The fixtures folder, or a skipped test. */
    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared/fixtures/models");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        assumeTrue(false, "shared/fixtures/models not found above " + Path.of("").toAbsolutePath()
                + "; Keras fixture tests skipped");
        return null;
    }

    /** A reference input and output as Keras sees them (input NHWC for images). */
    record Reference(int[] inputShape, float[] input, int[] outputShape, double[] output) {

        int batch() {
            return inputShape[0];
        }

        /** The input in mcs order: NHWC images transposed to NCHW; other ranks as they are. */
        float[] channelsFirst() {
            if (inputShape.length != 4) {
                return input.clone();
            }
            int n = inputShape[0], h = inputShape[1], w = inputShape[2], c = inputShape[3];
            float[] r = new float[input.length];
            for (int b = 0; b < n; b++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            r[((b * c + ch) * h + y) * w + x] = input[((b * h + y) * w + x) * c + ch];
                        }
                    }
                }
            }
            return r;
        }
    }

    static Reference reference(String name) {
        Path f = dir().resolve("reference").resolve(name + ".ref.json");
        try {
            JsonObject o = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            JsonArray in = o.getAsJsonArray("input"), out = o.getAsJsonArray("output");
            float[] x = new float[in.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = in.get(i).getAsFloat();
            }
            double[] y = new double[out.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = out.get(i).getAsDouble();
            }
            return new Reference(ints(o.getAsJsonArray("input_shape")), x,
                    ints(o.getAsJsonArray("output_shape")), y);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).getAsInt();
        }
        return r;
    }
}
