package mcs.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import mcs.runtime.InvalidInputException;
import mcs.runtime.Memory;
import mcs.runtime.model.Layer;
import mcs.runtime.model.LayerSpec;
import mcs.runtime.model.LayerSpec.Branch.Merge;
import mcs.runtime.model.Model;
import mcs.runtime.model.ParamDecl;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Shape;
import mcs.runtime.model.Tensor;
import mcs.runtime.onnx.OnnxProto.Graph;
import mcs.runtime.onnx.OnnxProto.Node;
import mcs.runtime.onnx.OnnxProto.TensorData;
import mcs.runtime.onnx.OnnxProto.ValueInfo;

/**
 * Imports an ONNX model (one float input, one output, opsets 7-17) as an mcs {@link Model}:
 * weights from initializers or Constant nodes (float32, float16, double), shape arithmetic
 * folded, bias Adds folded into the layer before them, and the graph laid out as a sequence with
 * branches. The batch axis is the first; images stay channels first.
 */
public final class OnnxImport {

    private OnnxImport() {
    }

    /** Reads a model whose input shape (after the batch axis) is fixed in the file. */
    public static Model load(Path file) {
        return load(file, null);
    }

    /** Reads a model, with {@code input} (one sample, no batch axis) for an input of open size. */
    public static Model load(Path file, Shape input) {
        String shown = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        OnnxProto.ModelInfo info;
        try {
            info = OnnxProto.parseModel(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(shown + " is not a readable ONNX model ("
                    + e.getMessage() + "); the file may be truncated or of another format", e);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(shown + ": " + e.getMessage(), e);
        }
        String name = shown.endsWith(".onnx") ? shown.substring(0, shown.length() - 5) : shown;
        return new OnnxImport.Run(shown, info.opset() < 0 ? 7 : info.opset(), info.graph())
                .model(name, input, info.graph());
    }

    /** One import: the constants and data nodes found so far. */
    private static final class Run {
        private final String file;
        private final int opset;
        private final Map<String, TensorData> consts = new HashMap<>();
        private final Map<String, Shape> shapes = new HashMap<>();
        private final DataGraph graph;
        private final Map<String, Integer> uses = new HashMap<>();
        private final boolean half;

        Run(String file, int opset, Graph g) {
            this.file = file;
            this.opset = opset;
            this.graph = new DataGraph(file);
            consts.putAll(g.initializers());
            for (Node n : g.nodes()) {
                for (String s : n.inputs()) {
                    uses.merge(s, 1, Integer::sum);
                }
            }
            half = g.initializers().values().stream().anyMatch(t -> t.dataType() == TensorData.FLOAT16);
        }

        Model model(String name, Shape given, Graph g) {
            refuseUnsupported(g);
            ValueInfo in = dataInput(g);
            Shape input = inputShape(in, given);
            if (g.outputs().size() != 1) {
                throw new InvalidInputException(file + " has " + g.outputs().size()
                        + " outputs; only models with one output can be imported");
            }
            String output = g.outputs().get(0).name();
            shapes.put(in.name(), input);
            for (Node n : g.nodes()) {
                visit(n);
            }
            if (!shapes.containsKey(output)) {
                throw new InvalidInputException(file + ": the output " + output
                        + " does not depend on the input");
            }
            Map<LayerSpec, Ops.Piece> pieces = new IdentityHashMap<>();
            List<LayerSpec> specs = graph.sequence(in.name(), output, pieces);
            if (specs.isEmpty()) {
                throw new InvalidInputException(file + " computes nothing from its input");
            }
            Model m;
            try {
                m = Model.sequential(name, input, specs, 0);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(file + ": " + e.getMessage(), e);
            }
            return withWeights(m, pieces);
        }

        private void refuseUnsupported(Graph g) {
            TreeSet<String> bad = new TreeSet<>();
            for (Node n : g.nodes()) {
                String op = n.opType();
                if (!Ops.UNARY.contains(op) && !Ops.MERGES.contains(op)
                        && !Constants.FOLDABLE.contains(op)) {
                    bad.add(op);
                }
            }
            if (!bad.isEmpty()) {
                throw new InvalidInputException(file + " uses ONNX ops that mcs cannot import: "
                        + String.join(", ", bad));
            }
        }

        private ValueInfo dataInput(Graph g) {
            List<ValueInfo> data = new ArrayList<>();
            for (ValueInfo v : g.inputs()) {
                if (!consts.containsKey(v.name())) {
                    data.add(v);
                }
            }
            if (data.size() != 1) {
                throw new InvalidInputException(file + " has " + data.size() + " inputs ("
                        + data.stream().map(ValueInfo::name).toList()
                        + "); only models with one input can be imported");
            }
            return data.get(0);
        }

        private Shape inputShape(ValueInfo in, Shape given) {
            if (given != null) {
                return given;
            }
            long[] d = in.dims();
            if (d == null || d.length < 2) {
                throw new InvalidInputException(file + ": the input " + in.name()
                        + " has no shape with a batch axis");
            }
            int[] dims = new int[d.length - 1];
            long size = 1;
            for (int i = 1; i < d.length; i++) {
                if (d[i] <= 0) {
                    throw new InvalidInputException(file + ": the input " + in.name() + " has open "
                            + "size " + Arrays.toString(d) + "; give the input shape");
                }
                size = Math.min(size * Math.min(d[i], Integer.MAX_VALUE), Long.MAX_VALUE >> 32);
                dims[i - 1] = (int) Math.min(d[i], Integer.MAX_VALUE);
            }
            Memory.requireArray(file + ": the input " + in.name() + " " + Arrays.toString(d), size);
            return new Shape(dims);
        }

        private void visit(Node n) {
            for (String out : n.outputs()) {
                if (shapes.containsKey(out) || consts.containsKey(out)) {
                    throw new InvalidInputException(file + ": node " + label(n) + " computes "
                            + out + ", which is already defined (a damaged graph)");
                }
            }
            List<Integer> data = new ArrayList<>();
            for (int i = 0; i < n.inputs().size(); i++) {
                String s = n.inputs().get(i);
                if (!s.isEmpty() && shapes.containsKey(s)) {
                    data.add(i);
                } else if (!s.isEmpty() && !consts.containsKey(s)) {
                    throw new InvalidInputException(file + ": node " + n.name() + " uses " + s
                            + ", which nothing before it computes");
                }
            }
            try {
                if (n.opType().equals("Constant")) {
                    consts.put(n.outputs().get(0), Constants.constant(n));
                } else if (n.opType().equals("Shape") && data.size() == 1) {
                    consts.put(n.outputs().get(0), shapeOf(shapes.get(n.inputs().get(0))));
                } else if (data.isEmpty()) {
                    if (!Constants.FOLDABLE.contains(n.opType())) {
                        throw Ops.unsupported(n, "this op on constants");
                    }
                    consts.put(n.outputs().get(0),
                            Constants.fold(n, Constants.inputs(n, consts), opset));
                } else if (data.size() == 1) {
                    unary(n, data.get(0));
                } else {
                    merge(n, data);
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException(file + ": " + e.getMessage(), e);
            }
        }

        /** The node's name, or its op and output when it has none. */
        private static String label(Node n) {
            return n.name().isEmpty() ? n.opType() + " -> " + n.outputs().get(0) : n.name();
        }

        private static TensorData shapeOf(Shape s) {
            long[] v = new long[s.rank() + 1];
            v[0] = 1;
            for (int i = 0; i < s.rank(); i++) {
                v[i + 1] = s.dim(i);
            }
            return Constants.longs(new long[] {v.length}, v);
        }

        private void unary(Node n, int dataIndex) {
            if (!Ops.UNARY.contains(n.opType())) {
                throw Ops.unsupported(n, "this op on the data");
            }
            String x = n.inputs().get(dataIndex);
            Shape in = shapes.get(x);
            if (Constants.ARITHMETIC.contains(n.opType()) && n.inputs().size() != 2) {
                throw Ops.unsupported(n, n.inputs().size() + " inputs");
            }
            if (n.opType().equals("Add") && foldBias(n, x, dataIndex)) {
                add(n, List.of(x), List.of(), null, in);
                return;
            }
            List<Ops.Piece> pieces = Ops.convert(n, dataIndex, in, consts, opset);
            Shape s = in;
            for (Ops.Piece p : pieces) {
                s = p.spec().outputShape(s);
            }
            add(n, List.of(x), pieces, null, s);
        }

        /** Adds the constant to the bias of the conv/dense layer that computes x, if it can. */
        private boolean foldBias(Node n, String x, int dataIndex) {
            DataGraph.DNode p = graph.producer(x);
            if (p == null || p.pieces.isEmpty() || uses.get(x) != 1) {
                return false;
            }
            Ops.Piece last = p.pieces.get(p.pieces.size() - 1);
            int units;
            if (last.spec() instanceof LayerSpec.Conv2D c) {
                units = c.filters();
            } else if (last.spec() instanceof LayerSpec.Dense d) {
                units = d.units();
            } else {
                return false;
            }
            TensorData other = consts.get(n.inputs().get(1 - dataIndex));
            if (other == null) {
                return false;
            }
            float[] add = Constants.asFloats(other);
            if (add.length != units && add.length != 1) {
                return false;
            }
            float[] b = Ops.broadcast(add, units, n);
            float[] old = last.weights().get("bias");
            for (int i = 0; old != null && i < units; i++) {
                b[i] += old[i];
            }
            last.weights().put("bias", b);
            return true;
        }

        private void merge(Node n, List<Integer> data) {
            if (!Ops.MERGES.contains(n.opType()) || data.size() != n.inputs().size()) {
                throw Ops.unsupported(n, "this op on several computed inputs");
            }
            List<String> ins = new ArrayList<>();
            List<Shape> ss = new ArrayList<>();
            for (String s : n.inputs()) {
                ins.add(s);
                ss.add(shapes.get(s));
            }
            Merge m = n.opType().equals("Concat") ? Merge.CONCAT
                    : n.opType().equals("Mul") ? Merge.MUL : Merge.ADD;
            if (m == Merge.CONCAT) {
                long axis = n.intAttr("axis", 1);
                if (axis != 1 && axis != -(ss.get(0).rank() + 1)) {
                    throw Ops.unsupported(n, "concatenation along axis " + axis);
                }
            }
            add(n, ins, List.of(), m, mergedShape(n, m, ss));
        }

        private static Shape mergedShape(Node n, Merge m, List<Shape> ss) {
            Shape first = ss.get(0);
            if (m == Merge.CONCAT) {
                int[] d = first.dims();
                d[0] = 0;
                for (Shape s : ss) {
                    d[0] += s.dim(0);
                }
                return new Shape(d);
            }
            Shape widest = first;
            for (Shape s : ss) {
                widest = s.size() > widest.size() ? s : widest;
            }
            for (Shape s : ss) {
                if (!LayerSpec.Branch.broadcasts(s, widest)) {
                    throw Ops.unsupported(n, "broadcasting " + ss);
                }
            }
            return widest;
        }

        private void add(Node n, List<String> ins, List<Ops.Piece> pieces, Merge m, Shape s) {
            String out = n.outputs().get(0);
            graph.add(new DataGraph.DNode(0, n.name().isEmpty() ? n.opType() + " -> " + out
                    : n.name(), ins, out, new ArrayList<>(pieces), m, s));
            shapes.put(out, s);
        }

        private Model withWeights(Model model, Map<LayerSpec, Ops.Piece> pieces) {
            List<Tensor> tensors = new ArrayList<>();
            for (Layer l : model.allLayers()) {
                Ops.Piece p = pieces.get(l.spec());
                for (ParamDecl d : l.params()) {
                    float[] v = p == null ? null : p.weights().get(d.suffix());
                    if (v == null && d.suffix().equals("bias")) {
                        v = new float[d.size()];
                    }
                    if (v == null || v.length != d.size()) {
                        throw new InvalidInputException(file + ": layer " + l.name() + " needs "
                                + d.size() + " values for " + d.suffix() + " but the file has "
                                + (v == null ? "none" : v.length));
                    }
                    Tensor t = Tensor.of(l.name() + "." + d.suffix(), d.role(), d.shape(), v);
                    tensors.add(half ? t.withPrecision(Precision.FP16) : t);
                }
            }
            return model.withTensors(tensors).withHistory("import " + file);
        }
    }
}
