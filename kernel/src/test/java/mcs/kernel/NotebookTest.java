package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jupyter nbconvert --to notebook --execute} runs the example notebook
 * (notebooks/mcs-tour.ipynb: train, prune, cluster, quantise, save, report, plot) without errors,
 * and the executed notebook holds the report as an HTML table and the accuracy-vs-size plot as a
 * PNG.
 */
class NotebookTest {

    static final Path NOTEBOOK = Path.of("../notebooks/mcs-tour.ipynb").toAbsolutePath();
    /** notebooks/sweep.ipynb: a sweep on Spark, its Pareto front, the best model, a resume. */
    static final Path SWEEP = Path.of("../notebooks/sweep.ipynb").toAbsolutePath();

    @BeforeAll
    static void jupyterIsInstalled() {
        Jupyter.requireInstalled();
    }

    @Test
    void executesTheTourWithTablesAndAPlot(@TempDir Path home) throws Exception {
        List<JsonObject> outputs = execute(home, NOTEBOOK);
        assertThat(outputs).noneMatch(o -> o.get("output_type").getAsString().equals("error"));
        assertThat(outputs).anyMatch(o -> data(o, "text/html").contains("<table")
                && data(o, "text/html").contains("accuracy")
                && data(o, "text/plain").contains("tiny")
                && data(o, "text/plain").contains("deep"));
        assertThat(outputs).anyMatch(o -> text(o).contains("saved lenet300-deep.mcz: "));
        assertThat(home.resolve("lenet300-deep.mcz")).isNotEmptyFile();
        assertThat(outputs).anyMatch(o -> data(o, "image/png").startsWith("iVBORw0KGgo"));
        assertThat(outputs).anyMatch(o -> data(o, "text/plain").contains("train epoch 1/1"));
    }

    @Test
    void executesTheSweepWithItsFrontAndBestModel(@TempDir Path home) throws Exception {
        List<JsonObject> outputs = execute(home, SWEEP);
        assertThat(outputs).noneMatch(o -> o.get("output_type").getAsString().equals("error"));
        assertThat(outputs).anyMatch(o -> text(o).contains("sweep: 4 points on Spark "));
        assertThat(outputs).anyMatch(o -> text(o).contains("sweep: 4/4  "));
        assertThat(outputs).anyMatch(o -> data(o, "text/html").contains("<table")
                && data(o, "text/html").contains("val accuracy")
                && data(o, "text/plain").contains("prune(0.9, schedule=poly)"));
        assertThat(outputs).anyMatch(o -> data(o, "image/png").startsWith("iVBORw0KGgo"));
        assertThat(outputs).anyMatch(o -> text(o).startsWith("best: point "));
        assertThat(outputs).anyMatch(o -> text(o).contains("saved lenet300-sweep.mcz: "));
        assertThat(home.resolve("lenet300-sweep.mcz")).isNotEmptyFile();
        // the second sweep read every row from the results file
        assertThat(Files.readAllLines(home.resolve("sweep.jsonl"))).hasSize(4);
        assertThat(outputs).anyMatch(o -> text(o).contains(
                "sweep: all 4 points are in sweep.jsonl already"));
        assertThat(outputs).anyMatch(o -> data(o, "text/plain").equals("4"));
    }

    /** The notebook executed by nbconvert in {@code home}: its cells' outputs. */
    private static List<JsonObject> execute(Path home, Path source) throws Exception {
        Path out = home.resolve("out");
        Path notebook = Files.copy(source, home.resolve(source.getFileName())); // runs in home
        Jupyter.Run run = new Jupyter(home).python(home, 15, "-m", "nbconvert", "--to",
                "notebook", "--execute", "--ExecutePreprocessor.kernel_name=" + Jupyter.KERNEL,
                "--ExecutePreprocessor.timeout=900", "--output-dir", out.toString(),
                "--output", "executed", notebook.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonObject nb = JsonParser.parseString(Files.readString(out.resolve("executed.ipynb"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        return outputs(nb);
    }

    private static List<JsonObject> outputs(JsonObject nb) {
        List<JsonObject> all = new ArrayList<>();
        for (JsonElement cell : nb.getAsJsonArray("cells")) {
            JsonArray outs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (outs != null) {
                outs.forEach(o -> all.add(o.getAsJsonObject()));
            }
        }
        return all;
    }

    /** A stream output's text. */
    private static String text(JsonObject output) {
        return joined(output.get("text"));
    }

    /** An output's data for a mime type. */
    private static String data(JsonObject output, String mime) {
        JsonObject data = output.getAsJsonObject("data");
        return joined(data == null ? null : data.get(mime));
    }

    /** A string nbformat may have split into a list of lines, joined again ("" if absent). */
    private static String joined(JsonElement e) {
        if (e == null) {
            return "";
        }
        if (e.isJsonArray()) {
            StringBuilder s = new StringBuilder();
            e.getAsJsonArray().forEach(part -> s.append(part.getAsString()));
            return s.toString();
        }
        return e.getAsString();
    }
}
