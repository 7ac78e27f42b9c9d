package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import mcs.grammar.SourceText;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training, evaluation and reports through the language, on a small synthetic dataset (each
 * class a bright horizontal band at its own height, plus noise) written as IDX files. Needs the
 * runtime's engine; tagged slow although it runs in seconds.
 */
@Tag("slow")
class SlowTrainingTest {

    private static final int TRAIN = 1000;
    private static final int TEST = 300;

    @TempDir
    static Path dir;

    private final CapturingOutput out = new CapturingOutput();
    private final Session session = new Session(out);

    @BeforeAll
    static void writeData() throws IOException {
        write("train", TRAIN, 1);
        write("test", TEST, 2);
    }

    private Result run(String text, Cancellation cancel) {
        String data = "d = idx(\"" + file("train-images") + "\", \"" + file("train-labels")
                + "\", test_images=\"" + file("test-images") + "\", test_labels=\""
                + file("test-labels") + "\", name=\"bands\")\n";
        Result r = session.execute(new SourceText("<test>", data + text), cancel);
        assertThat(r.errorText()).isIn("", "interrupted\n");
        return r;
    }

    @Test
    void trainsPrunesFinetunesAndReports() {
        Result r = run("""
                base = mlp([64]) | train(d, epochs=3, batch=32, lr=0.003)
                small = base | prune(0.8, schedule=poly) | finetune(d, epochs=2, batch=32)
                acc = accuracy(base, d)
                sparsity(small)
                t = report(base, small)
                t
                e = evaluate(small, d.test)
                """, Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.OK);
        assertThat(((Num) session.variables().get("acc")).value()).isGreaterThan(0.9);
        assertThat(out.lines.get(0)).isEqualTo("0.8");
        TableValue t = (TableValue) session.variables().get("t");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.row(0).get(0).show()).isEqualTo("base");
        assertThat(t.row(1).get(0).show()).isEqualTo("small");
        long dense = 4 * ((mcs.interpreter.value.ModelValue) session.variables().get("base"))
                .model().paramCount();
        for (int row = 0; row < 2; row++) {
            mcs.runtime.model.Model m = ((mcs.interpreter.value.ModelValue) session.variables()
                    .get(row == 0 ? "base" : "small")).model();
            long bytes = mcs.runtime.io.McsFile.size(m);
            assertThat(((Num) t.row(row).get(5)).value()).isEqualTo(bytes);
            assertThat(t.rows().get(row).get(6).text()).isEqualTo(String.format(
                    java.util.Locale.ROOT, "%.2fx", (double) dense / bytes));
        }
        assertThat(((Num) t.row(1).get(1)).value()).isGreaterThan(0.8);
        assertThat(out.lines.get(1)).startsWith("model  accuracy");
        assertThat(out.lines.get(3)).startsWith("small ").contains("80.00%");
        TableValue e = (TableValue) session.variables().get("e");
        assertThat(e.rows().get(0).get(1).text()).isEqualTo("bands test");
        assertThat(e.rows().get(0).get(2).text()).isEqualTo("300");
        assertThat(out.progress).isNotEmpty();
        assertThat(out.progress).extracting(s -> s.task()).contains("train", "finetune");
    }

    @Test
    void aRecipeAppliesItsStagesInOrder() {
        Result r = run("""
                base = lenet5() | train(d, epochs=1, batch=50)
                recipe deep = prune(0.5) | finetune(d, epochs=1, batch=50)
                small = base | deep
                print(sparsity(small), sparsity(base))
                acc = accuracy(small, d.test)
                """, Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.OK);
        assertThat(out.lines).containsExactly("0.5 0");
        assertThat(((Num) session.variables().get("acc")).value()).isGreaterThan(0.5);
    }

    @Test
    void interruptedTrainingAssignsNothing() {
        Cancellation afterFirstEpoch = () -> !out.progress.isEmpty()
                && out.progress.get(out.progress.size() - 1).epochDone();
        Result r = run("m = mlp([32]) | train(d, epochs=50, batch=10)", afterFirstEpoch);
        assertThat(r.status()).isEqualTo(Result.Status.INTERRUPTED);
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(session.variables()).containsKey("d").doesNotContainKey("m");
    }

    @Test
    void reportDefaultsToTheTestSplitOfTheFirstModelsData() {
        Result r = run("""
                base = mlp([16]) | train(d, epochs=1, batch=50)
                t = report(base)
                """, Cancellation.NEVER);
        assertThat(r.status()).isEqualTo(Result.Status.OK);
        assertThat(((TableValue) session.variables().get("t")).rows()).hasSize(1);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static void write(String split, int n, long seed) throws IOException {
        Random random = new Random(seed);
        try (DataOutputStream images = open(split + "-images");
             DataOutputStream labels = open(split + "-labels")) {
            images.writeInt(0x803);
            images.writeInt(n);
            images.writeInt(28);
            images.writeInt(28);
            labels.writeInt(0x801);
            labels.writeInt(n);
            for (int i = 0; i < n; i++) {
                int y = random.nextInt(10);
                labels.writeByte(y);
                for (int row = 0; row < 28; row++) {
                    for (int col = 0; col < 28; col++) {
                        boolean band = row >= 2 * y + 4 && row < 2 * y + 7;
                        images.writeByte(band ? 150 + random.nextInt(100) : random.nextInt(60));
                    }
                }
            }
        }
    }

    private static DataOutputStream open(String name) throws IOException {
        OutputStream os = Files.newOutputStream(dir.resolve(name));
        return new DataOutputStream(new java.io.BufferedOutputStream(os));
    }
}
