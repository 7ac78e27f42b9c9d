package mcs.runtime.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.LayerSpec.Branch.Merge;
import mcs.runtime.model.Shape;

/**
 * The nodes that compute on the model input, each already turned into layers, and their
 * decomposition into a sequence with branches: where a value is used more than once, the paths
 * from it run side by side until the node that merges them all (its immediate post-dominator),
 * recursively. Graphs that are not series-parallel this way are refused.
 */
final class DataGraph {

    /** One node on the data path: its layers, or the merge of its inputs. */
    static final class DNode {
        final int index;
        final String name;
        final List<String> inputs;
        final String output;
        final List<Ops.Piece> pieces;
        final Merge merge;
        final Shape shape;

        DNode(int index, String name, List<String> inputs, String output, List<Ops.Piece> pieces,
              Merge merge, Shape shape) {
            this.index = index;
            this.name = name;
            this.inputs = List.copyOf(inputs);
            this.output = output;
            this.pieces = pieces;
            this.merge = merge;
            this.shape = shape;
        }
    }

    private final List<DNode> nodes = new ArrayList<>();
    private final Map<String, DNode> producer = new HashMap<>();
    private final String file;

    DataGraph(String file) {
        this.file = file;
    }

    void add(DNode n) {
        nodes.add(n);
        producer.put(n.output, n);
    }

    DNode producer(String value) {
        return producer.get(value);
    }

    /** The layers that take {@code input} to {@code output}. */
    List<LayerSpec> sequence(String input, String output, Map<LayerSpec, Ops.Piece> pieces) {
        return sequence(input, output, new LinkedHashSet<>(nodes), pieces);
    }

    private List<LayerSpec> sequence(String from, String to, Set<DNode> region,
                                     Map<LayerSpec, Ops.Piece> pieces) {
        List<LayerSpec> out = new ArrayList<>();
        String cur = from;
        while (!cur.equals(to)) {
            List<DNode> users = users(cur, region);
            if (users.isEmpty()) {
                throw notSeriesParallel("nothing leads from " + cur + " to " + to);
            }
            if (users.size() == 1 && users.get(0).merge == null) {
                DNode n = users.get(0);
                for (Ops.Piece p : n.pieces) {
                    out.add(p.spec());
                    pieces.put(p.spec(), p);
                }
                cur = n.output;
                continue;
            }
            DNode join = join(cur, to, region);
            List<List<LayerSpec>> paths = new ArrayList<>();
            Set<DNode> seen = new HashSet<>();
            for (String in : join.inputs) {
                Set<DNode> sub = between(cur, in, region);
                for (DNode d : sub) {
                    if (!seen.add(d)) {
                        throw notSeriesParallel("node " + d.name + " feeds two inputs of " + join.name);
                    }
                }
                paths.add(sequence(cur, in, sub, pieces));
            }
            out.add(new LayerSpec.Branch(paths, join.merge));
            cur = join.output;
        }
        return out;
    }

    private static List<DNode> users(String value, Set<DNode> region) {
        List<DNode> u = new ArrayList<>();
        for (DNode n : region) {
            for (String s : n.inputs) {
                if (s.equals(value)) {
                    u.add(n);
                }
            }
        }
        return u;
    }

    /** The first node after which every path from {@code from} has been merged into one value. */
    private DNode join(String from, String to, Set<DNode> region) {
        Map<String, Integer> open = new HashMap<>();
        open.put(from, users(from, region).size());
        for (DNode n : region) {
            boolean reached = false;
            for (String s : n.inputs) {
                reached |= open.containsKey(s);
            }
            if (!reached) {
                continue;
            }
            for (String s : n.inputs) {
                Integer k = open.get(s);
                if (k == null) {
                    throw notSeriesParallel("node " + n.name + " also takes " + s
                            + " from outside the branch that starts at " + from);
                }
                if (k == 1) {
                    open.remove(s);
                } else {
                    open.put(s, k - 1);
                }
            }
            int uses = users(n.output, region).size() + (n.output.equals(to) ? 1 : 0);
            if (uses > 0) {
                open.put(n.output, uses);
            }
            if (open.size() == 1 && open.containsKey(n.output)) {
                if (n.merge == null) {
                    throw notSeriesParallel("the paths from " + from + " end in " + n.name);
                }
                return n;
            }
        }
        throw notSeriesParallel("the paths from " + from + " never merge");
    }

    /** The nodes on paths from value {@code from} to value {@code to}, within the region. */
    private Set<DNode> between(String from, String to, Set<DNode> region) {
        Set<DNode> ancestors = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(to));
        while (!stack.isEmpty()) {
            String v = stack.remove(stack.size() - 1);
            DNode p = producer.get(v);
            if (v.equals(from) || p == null || !region.contains(p) || !ancestors.add(p)) {
                continue;
            }
            stack.addAll(p.inputs);
        }
        Set<DNode> result = new LinkedHashSet<>();
        for (DNode n : region) {
            if (ancestors.contains(n)) {
                result.add(n);
            }
        }
        return result;
    }

    private InvalidInputException notSeriesParallel(String why) {
        return new InvalidInputException(file + ": the graph cannot be laid out as a sequence "
                + "with branches (" + why + ")");
    }
}
