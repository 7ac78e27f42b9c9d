package mcs.runtime.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mcs.runtime.InvalidInputException;
import mcs.runtime.onnx.OnnxProto.Node;
import mcs.runtime.onnx.OnnxProto.TensorData;

/**
 * Evaluates the nodes whose inputs are all known (weights and shape arithmetic: the
 * Shape-Gather-Unsqueeze-Concat-Reshape chains exporters write for a flatten), so that what is
 * left is the network proper.
 */
final class Constants {

    private Constants() {
    }

    /** The ops folded when all their inputs are constants. */
    static final List<String> FOLDABLE = List.of("Constant", "Identity", "Cast", "Reshape",
            "Unsqueeze", "Squeeze", "Concat", "Gather", "Slice", "Shape", "Add", "Sub", "Mul",
            "Div");

    /** The element-wise ops on two values. */
    static final List<String> ARITHMETIC = List.of("Add", "Sub", "Mul", "Div");

    /** The value of a Constant node. */
    static TensorData constant(Node n) {
        OnnxProto.Attr a = n.attr("value");
        if (a != null && a.t() != null) {
            return a.t();
        }
        if (n.attr("value_float") != null) {
            return floats(new long[0], new float[] {n.floatAttr("value_float", 0)});
        }
        if (n.attr("value_int") != null) {
            return longs(new long[0], new long[] {n.intAttr("value_int", 0)});
        }
        if (n.attr("value_ints") != null) {
            long[] v = n.intsAttr("value_ints", new long[0]);
            return longs(new long[] {v.length}, v);
        }
        throw Ops.unsupported(n, "a value of a kind other than a tensor, value_float, value_int "
                + "or value_ints");
    }

    /** Folds node {@code n} whose inputs {@code in} are all known (null for absent inputs). */
    static TensorData fold(Node n, List<TensorData> in, int opset) {
        TensorData x = arg(n, in, 0);
        switch (n.opType()) {
            case "Identity":
                return x;
            case "Cast":
                return cast(x, (int) n.intAttr("to", 1));
            case "Reshape":
                return reshape(n, x, asLongs(arg(n, in, 1)));
            case "Unsqueeze":
                return unsqueeze(n, x, opset >= 13 ? asLongs(arg(n, in, 1))
                        : n.intsAttr("axes", null));
            case "Squeeze":
                return squeeze(x);
            case "Concat":
                for (int i = 0; i < in.size(); i++) {
                    arg(n, in, i);
                }
                return concat(in);
            case "Gather":
                return gather(n, x, arg(n, in, 1));
            case "Slice":
                return slice(n, in, opset);
            case "Add", "Sub", "Mul", "Div":
                return arithmetic(n.opType(), x, arg(n, in, 1));
            default:
                throw new IllegalStateException(n.opType());
        }
    }

    /** Input {@code i} of a node, which must be there. */
    private static TensorData arg(Node n, List<TensorData> in, int i) {
        if (i >= in.size() || in.get(i) == null) {
            throw Ops.unsupported(n, "a missing input " + (i + 1));
        }
        return in.get(i);
    }

    /** The first value of a tensor that must have at least one. */
    static float firstFloat(Node n, TensorData t) {
        float[] v = asFloats(t);
        if (v.length == 0) {
            throw Ops.unsupported(n, "an empty " + Arrays.toString(t.dims()) + " tensor");
        }
        return v[0];
    }

    private static long firstLong(Node n, TensorData t) {
        long[] v = asLongs(t);
        if (v.length == 0) {
            throw Ops.unsupported(n, "an empty " + Arrays.toString(t.dims()) + " tensor");
        }
        return v[0];
    }

    static TensorData floats(long[] dims, float[] v) {
        return new TensorData("", dims, TensorData.FLOAT, v, null);
    }

    static TensorData longs(long[] dims, long[] v) {
        return new TensorData("", dims, TensorData.INT64, null, v);
    }

    /** The values as floats, whatever the type. */
    static float[] asFloats(TensorData t) {
        if (t.isFloat()) {
            return t.floats();
        }
        float[] f = new float[t.longs().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = t.longs()[i];
        }
        return f;
    }

    /** The values as longs, whatever the type. */
    static long[] asLongs(TensorData t) {
        if (!t.isFloat()) {
            return t.longs();
        }
        long[] l = new long[t.floats().length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) t.floats()[i];
        }
        return l;
    }

    private static TensorData cast(TensorData x, int to) {
        boolean toFloat = to == TensorData.FLOAT || to == TensorData.DOUBLE || to == TensorData.FLOAT16;
        return toFloat ? floats(x.dims(), asFloats(x)) : longs(x.dims(), asLongs(x));
    }

    private static TensorData withDims(TensorData x, long[] dims) {
        return new TensorData(x.name(), dims, x.dataType(), x.floats(), x.longs());
    }

    private static TensorData reshape(Node n, TensorData x, long[] target) {
        long[] d = target.clone();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0 && i < x.dims().length) {
                d[i] = x.dims()[i];
            }
            if (d[i] == -1 && infer < 0) {
                infer = i;
            } else if (d[i] < 0 || d[i] > x.size()) {
                throw Ops.unsupported(n, "reshaping " + Arrays.toString(x.dims()) + " to "
                        + Arrays.toString(target));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            d[infer] = x.size() / Math.max(known, 1);
            known *= d[infer];
        }
        if (known != x.size()) {
            throw Ops.unsupported(n, "reshaping " + Arrays.toString(x.dims()) + " to "
                    + Arrays.toString(target));
        }
        return withDims(x, d);
    }

    private static TensorData unsqueeze(Node n, TensorData x, long[] axes) {
        if (axes == null) {
            throw Ops.unsupported(n, "an Unsqueeze without axes");
        }
        List<Long> d = new ArrayList<>();
        for (long v : x.dims()) {
            d.add(v);
        }
        long[] sorted = axes.clone();
        Arrays.sort(sorted);
        for (long a : sorted) {
            long at = a < 0 ? a + d.size() + 1 : a;
            if (at < 0 || at > d.size()) {
                throw Ops.unsupported(n, "axis " + a + " for " + d.size() + " dimensions");
            }
            d.add((int) at, 1L);
        }
        return withDims(x, d.stream().mapToLong(Long::longValue).toArray());
    }

    private static TensorData squeeze(TensorData x) {
        return withDims(x, Arrays.stream(x.dims()).filter(v -> v != 1).toArray());
    }

    private static TensorData concat(List<TensorData> in) {
        boolean f = in.stream().anyMatch(TensorData::isFloat);
        int n = in.stream().mapToInt(t -> (int) t.size()).sum();
        float[] fv = new float[n];
        long[] lv = new long[n];
        int k = 0;
        for (TensorData t : in) {
            float[] a = asFloats(t);
            long[] b = asLongs(t);
            System.arraycopy(a, 0, fv, k, a.length);
            System.arraycopy(b, 0, lv, k, b.length);
            k += a.length;
        }
        return f ? floats(new long[] {n}, fv) : longs(new long[] {n}, lv);
    }

    private static TensorData gather(Node n, TensorData x, TensorData idx) {
        long[] ix = asLongs(idx);
        float[] fv = new float[ix.length], xf = asFloats(x);
        long[] lv = new long[ix.length], xl = asLongs(x);
        for (int i = 0; i < ix.length; i++) {
            long j = ix[i] < 0 ? ix[i] + x.size() : ix[i];
            if (j < 0 || j >= xf.length) {
                throw Ops.unsupported(n, "index " + ix[i] + " into " + xf.length + " values");
            }
            fv[i] = xf[(int) j];
            lv[i] = xl[(int) j];
        }
        return x.isFloat() ? floats(idx.dims(), fv) : longs(idx.dims(), lv);
    }

    private static TensorData slice(Node n, List<TensorData> in, int opset) {
        long start, end;
        if (opset >= 10) {
            start = firstLong(n, arg(n, in, 1));
            end = firstLong(n, arg(n, in, 2));
        } else {
            long[] starts = n.intsAttr("starts", new long[] {0});
            long[] ends = n.intsAttr("ends", new long[] {Long.MAX_VALUE});
            if (starts.length == 0 || ends.length == 0) {
                throw Ops.unsupported(n, "empty starts or ends");
            }
            start = starts[0];
            end = ends[0];
        }
        TensorData x = in.get(0);
        long size = x.size();
        start = Math.max(0, Math.min(size, start < 0 ? start + size : start));
        end = Math.max(start, Math.min(size, end < 0 ? end + size : end));
        int from = (int) start, to = (int) end;
        long[] dims = {to - from};
        return x.isFloat() ? floats(dims, Arrays.copyOfRange(x.floats(), from, to))
                : longs(dims, Arrays.copyOfRange(x.longs(), from, to));
    }

    private static TensorData arithmetic(String op, TensorData a, TensorData b) {
        boolean f = a.isFloat() || b.isFloat();
        TensorData big = a.size() >= b.size() ? a : b;
        int n = (int) big.size();
        if (a.size() != b.size() && Math.min(a.size(), b.size()) != 1) {
            throw new InvalidInputException(op + " of constants of shapes " + Arrays.toString(a.dims())
                    + " and " + Arrays.toString(b.dims()) + " is not supported");
        }
        float[] fa = asFloats(a), fb = asFloats(b), fv = new float[n];
        long[] la = asLongs(a), lb = asLongs(b), lv = new long[n];
        for (int i = 0; i < n; i++) {
            int ia = fa.length == 1 ? 0 : i, ib = fb.length == 1 ? 0 : i;
            switch (op) {
                case "Add" -> { fv[i] = fa[ia] + fb[ib]; lv[i] = la[ia] + lb[ib]; }
                case "Sub" -> { fv[i] = fa[ia] - fb[ib]; lv[i] = la[ia] - lb[ib]; }
                case "Mul" -> { fv[i] = fa[ia] * fb[ib]; lv[i] = la[ia] * lb[ib]; }
                default -> { fv[i] = fa[ia] / fb[ib]; lv[i] = lb[ib] == 0 ? 0 : la[ia] / lb[ib]; }
            }
        }
        return f ? floats(big.dims(), fv) : longs(big.dims(), lv);
    }

    /** Looks up the constant inputs of a node; null entries for data inputs. */
    static List<TensorData> inputs(Node n, Map<String, TensorData> known) {
        List<TensorData> out = new ArrayList<>();
        for (String s : n.inputs()) {
            out.add(s.isEmpty() ? null : known.get(s));
        }
        return out;
    }
}
