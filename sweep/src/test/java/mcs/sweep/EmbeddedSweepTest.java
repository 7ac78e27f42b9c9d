package mcs.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;
import mcs.runtime.io.McsFile;
import mcs.runtime.train.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sweep(..) embedded (Spark local[1]) on a small slice of Fashion-MNIST: the rows are the
 * points' recipes measured, each equal to running the recipe directly in the session.
 */
class EmbeddedSweepTest {

    private static final String SETUP = """
            d = subset(dataset("fashion-mnist"), train=3000, test=1000)
            base = mlp([64]) | train(d, epochs=1)
            """;

    static final List<String> notices = new ArrayList<>();
    static Session session;

    @BeforeAll
    static void setUp() {
        session = new Session(Output.of(s -> { }, notices::add, ProgressListener.NONE));
        run(SETUP);
    }

    static void run(String text) {
        Result r = session.executeScript(new SourceText("t.mcs", text), null);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
    }

    static TableValue table(String name) {
        return (TableValue) session.variables().get(name);
    }

    static Value cell(TableValue t, int row, String column) {
        for (int c = 0; c < t.columns().size(); c++) {
            if (t.columns().get(c).header().equals(column)) {
                return t.rows().get(row).get(c).value();
            }
        }
        throw new AssertionError("no column " + column);
    }

    static double num(TableValue t, int row, String column) {
        return ((Num) cell(t, row, column)).value();
    }

    @Test
    void everyCombinationIsARowEqualToTheRecipeRunDirectly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sweep.jsonl");
        run("r = sweep(base, d, prune=[0.5, 0.9], cluster=[8, 16], quantize=int8, val=500, out=\""
                + out + "\")\n"
                + "direct = base | prune(0.9) | cluster(16) | quantize(int8)\n");
        TableValue r = table("r");
        assertThat(r.rows()).hasSize(5);
        List<String> recipes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recipes.add(r.rows().get(i).get(1).text());
            assertThat(r.rows().get(i).get(11).text()).as("row %d", i).isEqualTo("ok");
        }
        assertThat(recipes).containsExactly("base",
                "prune(0.5) | cluster(8) | quantize(int8)",
                "prune(0.5) | cluster(16) | quantize(int8)",
                "prune(0.9) | cluster(8) | quantize(int8)",
                "prune(0.9) | cluster(16) | quantize(int8)");
        var direct = ((ModelValue) session.variables().get("direct")).model();
        assertThat((long) num(r, 4, "bytes")).isEqualTo(McsFile.size(direct));
        assertThat((long) num(r, 4, "non-zeros")).isEqualTo(direct.nonzeros());
        var base = ((ModelValue) session.variables().get("base")).model();
        assertThat(num(r, 0, "bytes")).isEqualTo(McsFile.size(base));
        assertThat(num(r, 4, "ratio")).isCloseTo(base.paramCount() * 4.0 / McsFile.size(direct),
                org.assertj.core.data.Offset.offset(1e-9));
        for (int i = 1; i < 5; i++) {
            assertThat(num(r, i, "bytes")).as("row %d", i).isLessThan(num(r, 0, "bytes") / 4);
            assertThat(num(r, i, "accuracy")).as("row %d", i).isBetween(0.3, 1.0);
            assertThat(num(r, i, "val accuracy")).as("row %d", i).isBetween(0.3, 1.0);
        }
        assertThat(Files.readAllLines(out)).hasSize(5);
        assertThat(notices).anyMatch(n -> n.startsWith("sweep: 5 points on Spark "));
    }
}
