package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import mcs.grammar.SourceText;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import org.junit.jupiter.api.Test;

/** {@code latency} and {@code report} timing models' ONNX exports in ONNX Runtime. */
class OnnxRuntimeLatencyTest {

    private static final String DATA =
            "d = subset(dataset(\"tiny\", path=\"src/test/resources/golden/data/tiny\"), test=5)\n";

    private static Session run(String code) {
        Session session = new Session(new CapturingOutput());
        Result r = session.executeScript(new SourceText("t.mcs", DATA + code), null);
        assertThat(r.isOk()).as(r.errorText()).isTrue();
        return session;
    }

    @Test
    void latencyRunsTheExportInOnnxRuntime() {
        Session s = run("""
                m = lenet300()
                own = latency(m, batch=8)
                ort = latency(m, runtime=onnxruntime, batch=8)
                q = latency(m | quantize(int8, mode=static, calibrate=d), runtime=onnxruntime)
                """);
        for (String v : new String[] {"own", "ort", "q"}) {
            double ms = ((Num) s.variables().get(v)).value();
            assertThat(ms).as(v).isPositive().isLessThan(10_000);
        }
    }

    @Test
    void reportNamesTheRuntimeAndBatchOfItsLatencyColumn() {
        Session s = run("""
                m = lenet300()
                t = report(m, m | quantize(int8), data=d.test, runtime=onnxruntime, batch=16)
                """);
        TableValue t = (TableValue) s.variables().get("t");
        int last = t.columns().size() - 1;
        assertThat(t.columns().get(last).header()).isEqualTo("ms/batch of 16 (onnxruntime)");
        for (int row = 0; row < 2; row++) {
            assertThat(((Num) t.row(row).get(last)).value()).isPositive();
        }
    }

    @Test
    void aBatchOutOfRangeIsALocatedError() {
        Session session = new Session(new CapturingOutput());
        for (String call : new String[] {"latency(lenet300(), runtime=onnxruntime, batch=0)",
                "latency(lenet300(), batch=2000000000)",
                "report(lenet300(), data=d.test, batch=70000)"}) {
            Result r = session.executeScript(new SourceText("t.mcs", DATA + "x = " + call),
                    null);
            assertThat(r.isOk()).as(call).isFalse();
            assertThat(r.errorText()).as(call).contains("batch").contains("[1, 65536]")
                    .doesNotContain("internal error");
        }
        Result unknown = session.executeScript(new SourceText("t.mcs",
                "x = latency(lenet300(), runtime=tensorrt)"), null);
        assertThat(unknown.errorText()).contains("onnxruntime").doesNotContain("internal error");
    }
}
