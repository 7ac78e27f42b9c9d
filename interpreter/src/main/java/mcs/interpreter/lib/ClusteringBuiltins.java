package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Range;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;
import mcs.runtime.cluster.CentroidInit;
import mcs.runtime.compress.WeightClustering;

/** {@code cluster}: weight sharing as tfmot's cluster_weights. */
final class ClusteringBuiltins {

    private ClusteringBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("cluster", Group.CLUSTERING, "Weight sharing: at most k distinct values per "
                        + "kernel (tfmot cluster_weights).")
                .param(Param.required("model", Type.MODEL, "the model to cluster"))
                .param(Param.required("k", Type.INTEGER, "centroids per codebook (16: 4-bit)").range(Range.closed(2, 65536)))
                .param(Param.symbol("init", "linear", "first centroids (tfmot's default)",
                        "linear", "random", "density", "kmeans++"))
                .param(Param.symbol("per", "tensor", "codebooks per tensor or channel", "tensor", "channel"))
                .param(Param.symbol("preserve_sparsity", "true", "zeros stay zero (one of the k)", "true", "false"))
                .param(skip("cluster"))
                .param(Param.optional("seed", Type.INTEGER, Num.of(0), "for random and kmeans++"))
                .note("Centroids are refined by exact 1-D k-means on the sorted weights.")
                .note("A finetune(..) that follows trains the centroids (each gets the summed")
                .note("gradient of its weights) and keeps every weight's assignment and mask.")
                .note("Differs from tfmot: preserve_sparsity is on by default, and a pending")
                .note("prune(..) schedule is settled at its target first.")
                .returns(Type.MODEL), ClusteringBuiltins::cluster);
    }

    /** The {@code skip} parameter shared by compression builtins. */
    static Param skip(String op) {
        return Param.optional("skip", Type.LIST, ListValue.of(), "layers left as they are: [\"conv1\"]");
    }

    /** The names in a {@code skip}-like list parameter (strings or symbols). */
    static Set<String> names(Args a, String param) {
        Set<String> out = new LinkedHashSet<>();
        for (Value v : a.list(param).elements()) {
            if (v instanceof Str s) {
                out.add(s.value());
            } else if (v instanceof Sym s) {
                out.add(s.name());
            } else {
                throw a.error(param, param + " takes layer names as strings, got "
                        + v.typeName());
            }
        }
        return out;
    }

    private static Value cluster(Args a, CallContext c) {
        String init = a.symbol("init").replace("++", "_plus_plus").toUpperCase(Locale.ROOT);
        WeightClustering.Config config = new WeightClustering.Config(a.integer("k"),
                CentroidInit.valueOf(init),
                a.symbol("per").equals("channel"), a.symbol("preserve_sparsity").equals("true"),
                names(a, "skip"), a.longValue("seed"));
        return new ModelValue(WeightClustering.cluster(a.model("model"), config));
    }
}
