package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Value;
import org.junit.jupiter.api.Test;

class InspectorTest {

    private final Map<String, Value> variables = new HashMap<>();
    private final Inspector inspector = new Inspector(StandardLibrary.builtins(), () -> variables);

    private String at(String code, int cursor) {
        return inspector.inspect(code, cursor).map(d -> Message.string(d, "text/plain"))
                .orElse(null);
    }

    @Test
    void showsABuiltinsHelpFromItsSpec() {
        String help = at("prune", 5);
        assertThat(help).startsWith("prune(model, sparsity=none, schedule=constant")
                .contains("ConstantSparsity or PolynomialDecay");
        assertThat(at("x = prune(m, 0.5)", 6)).isEqualTo(help);
    }

    @Test
    void insideTheArgumentsShowsTheCallsHelp() {
        assertThat(at("m | train(fmnist, epochs=", 25)).startsWith("train(model, data, epochs=1");
    }

    @Test
    void showsAVariablesTypeAndValue() {
        variables.put("n", Num.of(0.8));
        assertThat(at("n", 1)).isEqualTo("n: number\n0.8");
    }

    @Test
    void findsNothingForUnknownWords() {
        assertThat(at("zzz", 3)).isNull();
        assertThat(at("", 0)).isNull();
    }
}
