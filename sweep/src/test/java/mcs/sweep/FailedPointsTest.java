package mcs.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import mcs.interpreter.sweep.DataRef;
import mcs.interpreter.sweep.PointResult;
import mcs.interpreter.sweep.PointRunner;
import mcs.interpreter.sweep.SweepJob;
import mcs.interpreter.sweep.SweepPoint;
import mcs.runtime.Cancellation;
import mcs.runtime.data.Dataset;
import mcs.runtime.data.Split;
import mcs.runtime.io.McsFile;
import mcs.runtime.model.ReferenceModels;
import mcs.runtime.model.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Points that fail are failed rows with their error; the points beside them finish. */
class FailedPointsTest {

    private static SparkEngine engine;
    private static final DataRef DATA = new DataRef("random", null, 200, 50, 40);

    @BeforeAll
    static void start() {
        engine = new SparkEngine(null, 2);
        java.util.Random r = new java.util.Random(1);
        PointRunner.offer(DATA, new Dataset("random", split(r, 200), split(r, 50)));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Split split(java.util.Random r, int n) {
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = r.nextFloat();
            }
        }
        return new Split("random", Shape.image(1, 28, 28), x, y, 10);
    }

    private static List<PointResult> run(SweepJob job, List<SweepPoint> points) {
        List<PointResult> out = new ArrayList<>();
        engine.run(job, points, out::add, Cancellation.NEVER);
        return out;
    }

    @Test
    void aRecipeErrorFailsItsPointOnly() {
        byte[] base = McsFile.encode(ReferenceModels.lenet300(0));
        SweepJob job = new SweepJob(base, "b", DATA);
        List<PointResult> results = run(job, List.of(
                new SweepPoint(1, "prune(0.5)", 0.5, 0, "", 0),
                new SweepPoint(2, "cluster(1)", Double.NaN, 1, "", 0),
                new SweepPoint(3, "quantize(int8)", Double.NaN, 0, "int8", 0)));
        assertThat(results).hasSize(3);
        assertThat(results).filteredOn(PointResult::ok).extracting(r -> r.point().index())
                .containsExactlyInAnyOrder(1, 3);
        PointResult failed = results.stream().filter(r -> !r.ok()).findFirst().orElseThrow();
        assertThat(failed.point().index()).isEqualTo(2);
        assertThat(failed.error()).contains("cluster").contains("k");
        assertThat(failed.error()).doesNotContain("\n");
    }

    @Test
    void aTaskThatThrowsIsRetriedThenAFailedRow() {
        byte[] damaged = McsFile.encode(ReferenceModels.lenet300(0));
        damaged = java.util.Arrays.copyOf(damaged, damaged.length / 2);
        List<PointResult> results = run(new SweepJob(damaged, "d", DATA),
                List.of(new SweepPoint(1, "prune(0.5)", 0.5, 0, "", 0)));
        assertThat(results).hasSize(1);
        assertThat(results.get(0).ok()).isFalse();
        assertThat(results.get(0).error()).contains("failed " + SparkEngine.ATTEMPTS + " times");
    }
}
