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
        throw new InvalidInputException("Constant node " + n.name() + " has no value this "
                + "importer reads");
    }

    /** Folds node {@code n} whose inputs {@code in} are all known (null for absent inputs). */
    static TensorData fold(Node n, List<TensorData> in, int opset) {
        TensorData x = in.get(0);
        switch (n.opType()) {
            case "Identity":
                return x;
            case "Cast":
                return cast(x, (int) n.intAttr("to", 1));
            case "Reshape":
                return reshape(x, in.get(1).longs());
            case "Unsqueeze":
                return unsqueeze(x, opset >= 13 ? in.get(1).longs() : n.intsAttr("axes", null));
            case "Squeeze":
                return squeeze(x);
            case "Concat":
                return concat(in);
            case "Gather":
                return gather(x, in.get(1));
            case "Slice":
                return slice(n, in, opset);
            case "Add", "Sub", "Mul", "Div":
                return arithmetic(n.opType(), x, in.get(1));
            default:
                throw new IllegalStateException(n.opType());
        }
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

    private static TensorData reshape(TensorData x, long[] target) {
        long[] d = target.clone();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0) {
                d[i] = x.dims()[i];
            }
            if (d[i] == -1) {
                infer = i;
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            d[infer] = x.size() / Math.max(known, 1);
        }
        return withDims(x, d);
    }

    private static TensorData unsqueeze(TensorData x, long[] axes) {
        List<Long> d = new ArrayList<>();
        for (long v : x.dims()) {
            d.add(v);
        }
        long[] sorted = axes.clone();
        Arrays.sort(sorted);
        for (long a : sorted) {
            d.add((int) (a < 0 ? a + d.size() + 1 : a), 1L);
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

    private static TensorData gather(TensorData x, TensorData idx) {
        long[] ix = asLongs(idx);
        float[] fv = new float[ix.length];
        long[] lv = new long[ix.length];
        for (int i = 0; i < ix.length; i++) {
            long j = ix[i] < 0 ? ix[i] + x.size() : ix[i];
            if (j < 0 || j >= x.size()) {
                throw new InvalidInputException("Gather index " + ix[i] + " is out of range for "
                        + x.size() + " values");
            }
            fv[i] = asFloats(x)[(int) j];
            lv[i] = asLongs(x)[(int) j];
        }
        return x.isFloat() ? floats(idx.dims(), fv) : longs(idx.dims(), lv);
    }

    private static TensorData slice(Node n, List<TensorData> in, int opset) {
        long start, end;
        if (opset >= 10) {
            start = asLongs(in.get(1))[0];
            end = asLongs(in.get(2))[0];
        } else {
            start = n.intsAttr("starts", new long[] {0})[0];
            end = n.intsAttr("ends", new long[] {Long.MAX_VALUE})[0];
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
