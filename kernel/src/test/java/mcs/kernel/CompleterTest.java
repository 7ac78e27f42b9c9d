package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Session;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.Test;

class CompleterTest {

    private final Map<String, Value> variables = new LinkedHashMap<>();
    private final Completer completer = new Completer(StandardLibrary.builtins(),
            () -> variables, Session.keywords());

    private List<String> at(String code) {
        return completer.complete(code, code.length()).matches();
    }

    @Test
    void completesBuiltinsVariablesAndKeywords() {
        variables.put("lenet_small", new Str("x"));
        assertThat(at("finet")).containsExactly("finetune");
        assertThat(at("lenet")).containsExactly("lenet_small", "lenet300", "lenet5");
        assertThat(at("fo")).containsExactly("fold_bn", "format", "for");
        assertThat(at("m = lenet300() | tra")).containsExactly("train");
        Completer.Completion c = completer.complete("x = prun", 8);
        assertThat(c.start()).isEqualTo(4);
        assertThat(c.end()).isEqualTo(8);
        assertThat(c.kinds()).containsEntry("prune", "function");
    }

    @Test
    void completesUserFunctionsAndTheirParameters() {
        Session session = new Session(Output.of(System.out, System.err));
        assertThat(session.execute(new SourceText("cell", "def squeeze(model, sparsity=0.5, "
                + "bits=int8) { model }"), Cancellation.NEVER).isOk()).isTrue();
        Completer withSession = new Completer(session.builtins(), session::variables,
                Session.keywords());
        assertThat(withSession.complete("squ", 3).matches()).containsExactly("squeeze");
        String call = "lenet300() | squeeze(sp";
        assertThat(withSession.complete(call, call.length()).matches())
                .contains("sparsity=").doesNotContain("model=");
        String all = "squeeze(m, ";
        assertThat(withSession.complete(all, all.length()).matches())
                .contains("model=", "sparsity=", "bits=");
    }

    @Test
    void completesTheSymbolsOfANamedParameter() {
        assertThat(at("prune(m, 0.5, schedule=p")).containsExactly("poly");
        assertThat(at("prune(m, 0.5, schedule=")).containsExactly("constant", "poly");
        assertThat(at("m | train(d, optimizer = s")).containsExactly("sgd");
    }

    @Test
    void completesParameterNamesInsideACall() {
        assertThat(at("lenet300() | train(fmnist, ep")).containsExactly("epochs=");
        assertThat(at("train(m, fmnist, b")).contains("batch=", "backend");
        assertThat(at("conv(8, 3, pad")).containsExactly("padding=");
    }

    @Test
    void completesPositionalSymbolsCountingAPipedValue() {
        assertThat(at("plot(r, \"a\", \"b\", l")).contains("line", "len", "lenet5");
        assertThat(at("activation(re")).startsWith("relu");
    }

    @Test
    void completesMembersAfterADot() {
        variables.put("r", new TableValue(List.of(new TableValue.Column("a", false)),
                List.of()));
        variables.put("n", Num.of(3));
        assertThat(at("r.")).containsExactly("columns", "rows");
        assertThat(at("len(r.ro")).containsExactly("rows");
        assertThat(at("n.")).isEmpty();
        assertThat(at("nothing.")).isEmpty();
        assertThat(at("0.")).isEmpty();
    }

    @Test
    void offersNothingInsideStringsAndComments() {
        assertThat(at("dataset(\"fash")).isEmpty();
        assertThat(at("x = 1  # tra")).isEmpty();
        assertThat(at("print(\"a\", tra")).containsExactly("train");
    }

    @Test
    void completesAtTheCursorNotTheEnd() {
        Completer.Completion c = completer.complete("finet(fmnist)", 5);
        assertThat(c.matches()).containsExactly("finetune");
        assertThat(c.start()).isZero();
        assertThat(c.end()).isEqualTo(5);
    }

    @Test
    void findsTheEnclosingCall() {
        CallSite site = CallSite.at("a | prune(0.8, schedule=", 24);
        assertThat(site.function()).isEqualTo("prune");
        assertThat(site.argument()).isEqualTo(2);
        assertThat(site.namedParam()).isEqualTo("schedule");
        assertThat(CallSite.at("report(a, [1, 2], ", 18).argument()).isEqualTo(2);
        assertThat(CallSite.at("f(g(1), ", 8).function()).isEqualTo("f");
        assertThat(CallSite.at("[1, ", 4).function()).isNull();
        assertThat(CallSite.at("f(\"(\", ", 7).argument()).isEqualTo(1);
    }
}
