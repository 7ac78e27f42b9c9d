package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mcs.grammar.SourceText;
import mcs.interpreter.builtin.BuiltinSpec;
import mcs.interpreter.builtin.HelpText;
import mcs.interpreter.lib.StandardLibrary;
import mcs.interpreter.value.ModelValue;
import mcs.runtime.Cancellation;
import mcs.runtime.model.Model;
import mcs.runtime.model.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The transform contract for every pruning option and drop_layer, through the language: the
 * input model is unchanged, the same call gives the same model, earlier compression is kept,
 * and the help documents each option.
 */
class PruningBuiltinsTest {

    private static final List<String> TRANSFORMS = List.of(
            "prune(0.8)", "prune(0.8, scope=global)", "prune(0.8, skip=[\"dense1\"])",
            "prune(nm=[2, 4])", "prune(0.5, granularity=neuron)",
            "prune(0.5, granularity=neuron, norm=l2)", "drop_layer(\"dropout1\")");

    private static final String BASE = "sequential(input=[28, 28, 1], flatten(), "
            + "dense(64, act=relu), dropout(0.2), dense(32, act=relu), dense(10))";

    private final Session session = new Session(new CapturingOutput());

    private Model model(String expr) {
        Result r = session.execute(new SourceText("<test>", "x = " + expr), Cancellation.NEVER);
        assertThat(r.errorText()).as(expr).isEmpty();
        return ((ModelValue) session.variables().get("x")).model();
    }

    @Test
    void everyTransformIsPureAndDeterministic() {
        Model base = model(BASE);
        session.execute(new SourceText("<test>", "base = x"), Cancellation.NEVER);
        float[] before = base.tensor("dense1.kernel").values();
        for (String t : TRANSFORMS) {
            Model a = model("base | " + t);
            Model b = model("base | " + t);
            assertThat(model("base")).as(t).isSameAs(base);
            assertThat(base.tensor("dense1.kernel").values()).as(t).containsExactly(before);
            assertThat(base.tensor("dense1.kernel").hasMask()).as(t).isFalse();
            assertThat(a.paramCount()).as(t).isEqualTo(b.paramCount());
            for (Tensor x : a.tensors()) {
                assertThat(x.values()).as(t + " " + x.name())
                        .containsExactly(b.tensor(x.name()).values());
            }
            assertThat(a.history()).as(t).hasSize(base.history().size() + 1);
        }
    }

    @Test
    void laterStepsKeepEarlierPruning() {
        Model nmThenDrop = model(BASE + " | prune(nm=[2, 4]) | drop_layer(\"dropout1\")");
        assertThat(nmThenDrop.tensor("dense2.kernel").nonzeros()).isEqualTo(64 * 32 / 2);
        assertThat(nmThenDrop.tensor("dense2.kernel").hasMask()).isTrue();
        Model sparseThenShrunk = model("lenet300() | prune(0.5, granularity=neuron) "
                + "| prune(0.8, schedule=poly)");
        assertThat(sparseThenShrunk.sparsity()).isCloseTo(0.8, org.assertj.core.data.Offset
                .offset(1e-9));
        Model shrunkKeepsMasks = model("lenet300() | prune(nm=[2, 4]) "
                + "| prune(0.5, granularity=neuron)");
        Tensor k = shrunkKeepsMasks.tensor("dense3.kernel");
        assertThat(k.shape()).containsExactly(50, 10);
        assertThat(k.hasMask()).isTrue();
        int kept = 0;
        for (boolean b : k.mask()) {
            kept += b ? 1 : 0;
        }
        assertThat(k.nonzeros()).isEqualTo(kept).isLessThan(k.size());
    }

    @Test
    void theHelpDocumentsEveryOptionAndTheDifferencesFromTfmot() {
        BuiltinSpec prune = StandardLibrary.builtins().spec("prune").orElseThrow();
        String help = HelpText.of(prune);
        for (String option : List.of("scope=layer", "granularity=weight", "nm=[2, 4]",
                "norm=l1", "layers=all", "skip=none")) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("tfmot prunes each layer on its own")
                .contains("sparsity_m_by_n").contains("tfmot has no such pruning");
        String drop = HelpText.of(StandardLibrary.builtins().spec("drop_layer").orElseThrow());
        assertThat(drop).contains("Not in tfmot").contains("renumbered");
    }
}
