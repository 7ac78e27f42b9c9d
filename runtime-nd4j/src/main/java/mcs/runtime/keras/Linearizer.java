package mcs.runtime.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.runtime.InvalidInputException;

/**
 * Lays out a functional Keras graph (one input, one output) as a sequence of {@link Step}s: a
 * layer whose output feeds several layers opens a {@link Step.Fork} that closes at the layer
 * where all those paths meet again (its immediate post-dominator), which must be a merge
 * layer taking exactly one input from each path. Residual blocks, with or without a projection
 * on the shortcut, and Inception-style concatenations have this form.
 */
final class Linearizer {

    private final String source;
    private final Map<String, KerasGraph.Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, Set<String>> postDominators = new HashMap<>();
    private final String output;

    private Linearizer(KerasGraph g, String source) {
        this.source = source;
        this.output = g.outputName();
        for (KerasGraph.Node n : g.layers()) {
            nodes.put(n.name(), n);
            consumers.put(n.name(), new ArrayList<>());
        }
        for (KerasGraph.Node n : g.layers()) {
            for (String from : n.inbound()) {
                if (!nodes.containsKey(from)) {
                    throw bad("layer " + n.name() + " takes its input from an unknown layer " + from);
                }
                consumers.get(from).add(n.name());
            }
        }
        topologicalOrder();
    }

    /** The graph's layers after its input layer, as steps. */
    static List<Step> steps(KerasGraph g, String source) {
        if (g.inputName() == null) {
            List<Step> out = new ArrayList<>();
            for (KerasGraph.Node n : g.layers()) {
                out.add(new Step.Single(n));
            }
            return out;
        }
        Linearizer l = new Linearizer(g, source);
        List<Step> out = new ArrayList<>();
        String end = l.chain(g.inputName(), null, out);
        if (!end.equals(l.output)) {
            throw l.bad("the graph does not lead from " + g.inputName() + " to " + l.output);
        }
        return out;
    }

    /**
     * Appends the steps after {@code from} up to (not including) {@code stop}, or to the
     * output when stop is null; returns the name of the last layer appended (or from).
     */
    private String chain(String from, String stop, List<Step> out) {
        String cur = from;
        while (true) {
            List<String> next = consumers.get(cur);
            if (stop == null && cur.equals(output)) {
                if (!next.isEmpty()) {
                    throw bad("layer " + cur + " is the output but also feeds " + next);
                }
                return cur;
            }
            if (next.isEmpty()) {
                throw bad("layer " + cur + " leads nowhere (models with several outputs cannot "
                        + "be imported)");
            }
            if (next.size() == 1) {
                String n = next.get(0);
                if (n.equals(stop)) {
                    return cur;
                }
                if (nodes.get(n).inbound().size() != 1) {
                    throw bad("layer " + n + " merges paths that do not start at one layer");
                }
                out.add(new Step.Single(nodes.get(n)));
                cur = n;
            } else {
                cur = fork(cur, next, out);
            }
        }
    }

    private String fork(String at, List<String> next, List<Step> out) {
        String merge = immediatePostDominator(at);
        KerasGraph.Node m = nodes.get(merge);
        if (m.inbound().size() != next.size()) {
            throw bad("the " + next.size() + " paths leaving " + at + " meet at " + merge
                    + ", which takes " + m.inbound().size() + " inputs; such graphs cannot be "
                    + "imported");
        }
        Map<String, List<Step>> byEnd = new HashMap<>();
        for (String first : next) {
            List<Step> path = new ArrayList<>();
            String end = at;
            if (!first.equals(merge)) {
                if (nodes.get(first).inbound().size() != 1) {
                    throw bad("layer " + first + " merges paths that do not start at one layer");
                }
                path.add(new Step.Single(nodes.get(first)));
                end = chain(first, merge, path);
            }
            if (byEnd.put(end, path) != null) {
                throw bad("two paths from " + at + " end at the same layer " + end);
            }
        }
        List<List<Step>> paths = new ArrayList<>();
        for (String in : m.inbound()) {
            List<Step> p = byEnd.remove(in);
            if (p == null) {
                throw bad(merge + " takes an input from " + in + " outside the paths from " + at);
            }
            paths.add(p);
        }
        out.add(new Step.Fork(paths, m));
        return merge;
    }

    private void topologicalOrder() {
        Map<String, Integer> pending = new HashMap<>();
        List<String> ready = new ArrayList<>();
        for (KerasGraph.Node n : nodes.values()) {
            pending.put(n.name(), n.inbound().size());
            if (n.inbound().isEmpty()) {
                ready.add(n.name());
            }
        }
        while (!ready.isEmpty()) {
            String n = ready.remove(ready.size() - 1);
            order.put(n, order.size());
            for (String c : consumers.get(n)) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw bad("the layers form a cycle");
        }
    }

    /** Layers on every path from {@code n} to the output, n included (memoised). */
    private Set<String> postDominators(String n) {
        Set<String> known = postDominators.get(n);
        if (known != null) {
            return known;
        }
        Set<String> common = null;
        for (String c : consumers.get(n)) {
            Set<String> s = postDominators(c);
            if (common == null) {
                common = new HashSet<>(s);
            } else {
                common.retainAll(s);
            }
        }
        Set<String> mine = common == null ? new HashSet<>() : common;
        mine.add(n);
        postDominators.put(n, mine);
        return mine;
    }

    private String immediatePostDominator(String n) {
        String best = null;
        for (String d : postDominators(n)) {
            if (!d.equals(n) && (best == null || order.get(d) < order.get(best))) {
                best = d;
            }
        }
        if (best == null) {
            throw bad("the paths leaving " + n + " never meet again");
        }
        return best;
    }

    private InvalidInputException bad(String what) {
        return new InvalidInputException(source + ": " + what);
    }
}
