package mcs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's plumbing; the benchmarks themselves are run by mcs bench, never as tests. */
class BenchTest {

    @Test
    void resNet50ShapesHaveTorchvisionsParameterCount() {
        // torchvision's resnet50 has 25,557,032 parameters: these weights, the fc bias (1000)
        // and a BatchNorm (gamma, beta) after every convolution
        List<int[]> shapes = ResNet50.shapes();
        long weights = shapes.stream().mapToLong(ResNet50::size).sum();
        long bnChannels = shapes.stream().filter(s -> s.length == 4).mapToLong(s -> s[0]).sum();
        assertThat(weights + 1000 + 2 * bnChannels).isEqualTo(25_557_032L);
        assertThat(shapes).hasSize(54);
    }

    @Test
    void weightsAreHeScaledNormalAndRepeatable() {
        List<float[]> w = ResNet50.weights(3);
        float[] fc = w.get(w.size() - 1);
        double sum = 0, sq = 0;
        for (float x : fc) {
            sum += x;
            sq += x * x;
        }
        double mean = sum / fc.length, var = sq / fc.length - mean * mean;
        assertThat(mean).isCloseTo(0, offset(1e-3));
        assertThat(var).isCloseTo(2.0 / 2048, offset(2e-5));
        assertThat(ResNet50.weights(3).get(5)).isEqualTo(w.get(5));
    }

    @Test
    void ratiosSayHowManyTimesFasterMcsIs() {
        Measure fast = new Measure("train.x", 300, "samples/s");
        assertThat(fast.advantageOver(new Measure("train.x", 100, "samples/s"))).isEqualTo(3.0);
        Measure quick = new Measure("compression.x", 0.5, "s");
        assertThat(quick.advantageOver(new Measure("compression.x", 2.0, "s"))).isEqualTo(4.0);
        assertThat(Measure.parse("infer.a.b1 0.25 ms")).isEqualTo(new Measure("infer.a.b1", 0.25,
                "ms"));
        assertThat(new Measure("a", 1234.6, "samples/s").line()).isEqualTo("a 1235 samples/s");
    }

    @Test
    void pytorchsLatencySharesComeFromTheLatenciesKept() {
        Map<String, Measure> lines = new LinkedHashMap<>();
        lines.put("infer.lenet5-dense.b1", new Measure("infer.lenet5-dense.b1", 0.2, "ms"));
        lines.put("infer.lenet5-structured.b1",
                new Measure("infer.lenet5-structured.b1", 0.05, "ms"));
        lines.put("infer.lenet5-structured.b32",
                new Measure("infer.lenet5-structured.b32", 1.0, "ms")); // no dense b32
        PyTorch.addLatencyShares(lines);
        assertThat(lines.get("infer.lenet5-structured.latency-vs-dense.b1").value())
                .isEqualTo(0.25);
        assertThat(lines).doesNotContainKey("infer.lenet5-structured.latency-vs-dense.b32");
    }

    @Test
    void sweepOverheadIsTheSlotTimeNotSpentInTasksPerPoint() {
        // 10 s on 2 slots is 20 slot-seconds; tasks spent 19.3 of them on 7 points
        assertThat(SweepSuite.overheadMillis(10, 2, 19.3, 7)).isCloseTo(100, offset(1e-9));
        assertThat(SweepSuite.overheadMillis(7, 1, 7, 7)).isZero();
    }

    @Test
    void theSweepIsTheBaseAndSixFineTunedPrunes() {
        List<String> recipes = SweepSuite.points().stream().map(p -> p.label()).toList();
        assertThat(recipes).hasSize(7).startsWith("base")
                .contains("prune(0.95, schedule=poly) | finetune(data, epochs=1)");
        assertThat(SweepSuite.points().get(3).index()).isEqualTo(3);
    }

    @Test
    void unknownSuitesAreUsageErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Bench.run(new String[] {"trian"}, new PrintStream(out, true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no suite 'trian'")
                .contains("usage: mcs bench");
        assertThat(out.size()).isZero();
    }
}
