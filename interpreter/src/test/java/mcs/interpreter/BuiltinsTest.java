package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.HelpText;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.lib.StandardLibrary;
import org.junit.jupiter.api.Test;

/** The registry as the REPL, {@code help} and a kernel see it. */
class BuiltinsTest {

    private final Builtins builtins = StandardLibrary.builtins();

    @Test
    void providesTheV1Builtins() {
        assertThat(builtins.names()).containsExactly("dataset", "idx", "lenet5", "lenet300", "mlp",
                "sequential", "conv", "dense", "maxpool", "avgpool", "flatten", "batchnorm",
                "dropout", "activation", "relu", "tanh", "sigmoid", "softmax", "residual", "train",
                "finetune", "prune", "drop_layer", "cluster", "quantize", "qat", "fold_bn",
                "lowrank", "precision", "distill", "sensitivity", "subset", "accuracy",
                "evaluate", "params", "nonzeros", "sparsity", "summary", "report", "latency",
                "pareto", "best", "sweep", "export",
                "save", "load", "size", "print", "help", "backend", "len", "range", "format", "abs",
                "round", "min", "max", "sum", "pow", "sqrt", "log", "display", "table", "plot",
                "input", "warn");
    }

    @Test
    void everySpecIsDocumented() {
        for (String name : builtins.names()) {
            BuiltinSpec spec = builtins.spec(name).orElseThrow();
            assertThat(spec.doc()).as(name).isNotBlank().endsWith(".");
            for (Param p : spec.params()) {
                assertThat(p.doc()).as(name + "." + p.name()).isNotBlank();
                if (p.type() == Type.SYMBOL) {
                    assertThat(p.symbols()).as(name + "." + p.name()).isNotEmpty();
                }
                if (p.defaultValue() != null && p.takesSymbols()
                        && !(p.defaultValue() instanceof mcs.interpreter.value.Nil)) {
                    assertThat(p.symbols()).contains(p.defaultValue().show());
                }
            }
        }
    }

    @Test
    void helpFitsIn100Columns() {
        List<String> lines = new ArrayList<>(HelpText.overview(builtins).lines().toList());
        for (String name : builtins.names()) {
            lines.addAll(HelpText.of(builtins.spec(name).orElseThrow()).lines().skip(1).toList());
        }
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void overviewListsEveryBuiltinOnceUnderItsGroup() {
        String text = HelpText.overview(builtins);
        for (String name : builtins.names()) {
            assertThat(text).containsOnlyOnce("\n  " + name + " ");
        }
        for (Group g : Group.values()) {
            assertThat(text).contains(g.label() + "\n");
        }
    }

    @Test
    void exposesSymbolsForCompletion() {
        assertThat(builtins.symbols("prune", "schedule")).containsExactly("constant", "poly");
        assertThat(builtins.symbols("train", "optimizer")).containsExactly("adam", "sgd");
        assertThat(builtins.symbols("conv", "act")).contains("relu", "softmax");
        assertThat(builtins.symbols("prune", "sparsity")).isEmpty();
        assertThat(builtins.symbols("nope", "x")).isEmpty();
        assertThat(builtins.params("dense")).extracting(Param::name)
                .containsExactly("units", "act");
    }

    @Test
    void variadicParametersMakeLaterOnesNamedOnly() {
        BuiltinSpec seq = builtins.spec("sequential").orElseThrow();
        assertThat(seq.positional()).extracting(Param::name).containsExactly("layers");
        assertThat(seq.positionalAt(5)).map(Param::name).hasValue("layers");
        assertThat(seq.signature())
                .isEqualTo("sequential(layers..., input=[28, 28, 1], seed=0, name=\"sequential\")"
                        + " -> model");
        assertThat(builtins.spec("report").orElseThrow().param("data").orElseThrow().keywordOnly())
                .isTrue();
    }
}
