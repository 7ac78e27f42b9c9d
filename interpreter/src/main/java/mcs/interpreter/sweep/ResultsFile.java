package mcs.interpreter.sweep;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.io.McsFile;

/**
 * A sweep's results as JSON lines, one per finished point, next to a folder of the points'
 * model files ({@code sweep.jsonl}, {@code sweep.models/point-3.mcz}). Each row is added by
 * writing the whole file anew and renaming it over the old one, so a crash at any moment
 * leaves the rows finished before it; a rerun reads them and skips those points.
 */
public final class ResultsFile {

    private final Path file;
    private final Path models;
    private final List<String> lines = new ArrayList<>();

    private ResultsFile(Path file) {
        this.file = file.toAbsolutePath();
        String name = this.file.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        this.models = this.file.resolveSibling(stem + ".models");
    }

    /** Opens {@code file}, reading the rows already in it (none when it does not exist). */
    public static ResultsFile open(Path file) {
        ResultsFile f = new ResultsFile(file);
        if (Files.exists(f.file)) {
            try {
                for (String line : Files.readAllLines(f.file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        f.lines.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return f;
    }

    public Path path() {
        return file;
    }

    /** The rows in the file, in the order written: each a result without its model bytes. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(parse(lines.get(i), i + 1));
        }
        return rows;
    }

    /** A row of the file: the result, the base and data it was measured with, its model file. */
    public record Row(PointResult result, String base, String data, Path model) { }

    /** Adds {@code r}'s row (and model file) for a sweep of base {@code base} on {@code data}. */
    public void append(PointResult r, String base, String data) {
        Path model = null;
        if (r.mcz() != null) {
            model = models.resolve("point-" + r.point().index() + ".mcz");
            write(model, r.mcz());
        }
        lines.add(format(r, base, data, model).toString());
        write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private JsonObject format(PointResult r, String base, String data, Path model) {
        SweepPoint p = r.point();
        JsonObject o = new JsonObject();
        o.addProperty("point", p.index());
        o.addProperty("recipe", p.label());
        number(o, "sparsity", p.sparsity());
        o.addProperty("clusters", p.clusters());
        o.addProperty("bits", p.bits());
        o.addProperty("epochs", p.epochs());
        o.addProperty("status", r.ok() ? "ok" : "failed");
        if (!r.ok()) {
            o.addProperty("error", r.error());
        }
        number(o, "val_accuracy", r.valAccuracy());
        number(o, "accuracy", r.accuracy());
        o.addProperty("bytes", r.bytes());
        number(o, "ratio", r.ratio());
        o.addProperty("nonzeros", r.nonzeros());
        number(o, "latency_ms", r.latencyMs());
        number(o, "seconds", r.seconds());
        o.addProperty("base", base);
        o.addProperty("data", data);
        if (model != null) {
            o.addProperty("model", models.getParent().relativize(model).toString());
        }
        return o;
    }

    private static void number(JsonObject o, String name, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(name, v);
        } else {
            o.add(name, JsonNull.INSTANCE);
        }
    }

    private Row parse(String line, int n) {
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String recipe = o.get("recipe").getAsString();
            SweepPoint p = new SweepPoint(o.get("point").getAsInt(),
                    recipe.equals("base") ? "" : recipe, num(o, "sparsity"),
                    o.get("clusters").getAsInt(), o.get("bits").getAsString(),
                    o.get("epochs").getAsInt());
            String error = o.get("status").getAsString().equals("ok") ? null
                    : o.has("error") ? o.get("error").getAsString() : "failed";
            PointResult r = new PointResult(p, error, num(o, "val_accuracy"), num(o, "accuracy"),
                    o.get("bytes").getAsLong(), num(o, "ratio"), o.get("nonzeros").getAsLong(),
                    num(o, "latency_ms"), num(o, "seconds"), null);
            Path model = o.has("model") ? file.resolveSibling(o.get("model").getAsString()) : null;
            return new Row(r, o.get("base").getAsString(), o.get("data").getAsString(), model);
        } catch (JsonParseException | IllegalStateException | NullPointerException
                 | UnsupportedOperationException e) {
            throw new InvalidInputException(file + ":" + n + ": not a sweep results row ("
                    + e.getMessage() + ")");
        }
    }

    private static double num(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    /** Writes {@code bytes} to {@code target} atomically, creating its folder if need be. */
    private static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        McsFile.write(target, bytes);
    }
}
