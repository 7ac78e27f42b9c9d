package mcs.runtime.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mcs.runtime.InvalidInputException;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Precision;
import mcs.runtime.model.Tensor;
import mcs.runtime.model.TensorRole;
import mcs.runtime.quant.Channels;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;

/**
 * One tensor as one range-coded block: its compression state (precision, quantisation spec,
 * codebooks), which positions are stored (all, the kept ones of its mask, or the non-zero
 * ones), then the stored positions' values as floats (fp32, or fp16/bf16 when that is exact),
 * integers on the quantisation grid, or cluster indices at ceil(log2 k) bits before entropy
 * coding. {@link #encode} tries every exact choice and keeps the shortest; the name, role and
 * shape come from the layer graph, so a block does not repeat them.
 */
final class TensorCodec {

    /** Which positions hold stored values; the others are exactly 0. */
    enum Support { ALL, MASK, NONZERO }

    /** How stored values are written when the tensor is not clustered. */
    enum Form { FP32, FP16, BF16, INTS }

    private TensorCodec() {
    }

    /** The shortest exact block for {@code t}. */
    static byte[] encode(Tensor t) {
        float[] v = t.values();
        boolean[] mask = t.mask();
        List<Support> supports = new ArrayList<>();
        if (mask != null) {
            supports.add(Support.MASK);
        } else {
            supports.add(Support.ALL);
            if (t.clusters() == null && hasZero(v)) {
                supports.add(Support.NONZERO);
            }
        }
        List<Form> forms = new ArrayList<>();
        if (t.clusters() != null) {
            forms.add(null);
        } else if (t.quant() != null) {
            forms.add(Form.INTS);
        } else {
            forms.add(Form.FP32);
            for (Form f : new Form[] {Form.FP16, Form.BF16}) {
                if (allExact(v, floatForm(f))) {
                    forms.add(f);
                }
            }
        }
        byte[] best = null;
        for (Support s : supports) {
            boolean[] stored = stored(s, v, mask);
            int maskMode = s == Support.ALL ? MaskCodec.BITMAP : shorterMaskMode(stored);
            for (Form f : forms) {
                byte[] b = encode(t, v, s, stored, maskMode, f);
                if (best == null || b.length < best.length) {
                    best = b;
                }
            }
        }
        return best;
    }

    private static int shorterMaskMode(boolean[] stored) {
        RangeEncoder bitmap = new RangeEncoder();
        MaskCodec.encode(bitmap, stored, MaskCodec.BITMAP);
        RangeEncoder gaps = new RangeEncoder();
        MaskCodec.encode(gaps, stored, MaskCodec.GAPS);
        return gaps.finish().length < bitmap.finish().length ? MaskCodec.GAPS : MaskCodec.BITMAP;
    }

    private static byte[] encode(Tensor t, float[] v, Support s, boolean[] stored, int maskMode,
                                 Form form) {
        RangeEncoder e = new RangeEncoder();
        e.direct(t.precision().ordinal(), 2);
        QuantSpec q = t.quant();
        e.direct(q != null ? 1 : 0, 1);
        if (q != null) {
            StateCodec.writeQuant(e, q);
        }
        Clusters c = t.clusters();
        e.direct(c != null ? 1 : 0, 1);
        if (c != null) {
            StateCodec.writeClusters(e, c, q, t.precision());
        }
        e.direct(s.ordinal(), 2);
        if (s != Support.ALL) {
            MaskCodec.encode(e, stored, maskMode);
        }
        if (c != null) {
            IndexCodec.write(e, c, t.shape(), stored, s == Support.MASK);
        } else {
            e.direct(form.ordinal(), 2);
            writeValues(e, t, v, stored, form);
        }
        return e.finish();
    }

    private static void writeValues(RangeEncoder e, Tensor t, float[] v, boolean[] stored,
                                    Form form) {
        if (form == Form.INTS) {
            QuantSpec q = t.quant();
            int[] ints = Quantizer.quantize(v, t.shape(), q);
            ValueCodec.Ints coder = new ValueCodec.Ints(q.bits());
            for (int i = 0; i < ints.length; i++) {
                if (stored == null || stored[i]) {
                    coder.write(e, ints[i] - q.qmin());
                }
            }
            return;
        }
        ValueCodec.Floats coder = new ValueCodec.Floats(floatForm(form));
        for (int i = 0; i < v.length; i++) {
            if (stored == null || stored[i]) {
                coder.write(e, v[i]);
            }
        }
    }

    /**
     * The tensor a block describes, for a parameter of this name, role and shape; a block that
     * does not describe one (inconsistent counts, values that are not finite, indices outside
     * their codebook) gives an {@link InvalidInputException} saying what is wrong.
     */
    static Tensor decode(byte[] data, int offset, int length, String name, TensorRole role,
                         int[] shape) {
        try {
            return decodeChecked(data, offset, length, name, role, shape);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static Tensor decodeChecked(byte[] data, int offset, int length, String name,
                                        TensorRole role, int[] shape) {
        int n = Math.toIntExact(count(shape));
        RangeDecoder d = new RangeDecoder(data, offset, length);
        int precisionCode = (int) d.direct(2);
        if (precisionCode >= Precision.values().length) {
            throw corrupt("unknown precision " + precisionCode);
        }
        Precision precision = Precision.values()[precisionCode];
        QuantSpec q = d.direct(1) == 1 ? StateCodec.readQuant(d, shape) : null;
        Clusters c = null;
        if (d.direct(1) == 1) {
            c = StateCodec.readClusters(d, shape, q, precision);
        }
        int supportCode = (int) d.direct(2);
        if (supportCode >= Support.values().length
                || (c != null && supportCode == Support.NONZERO.ordinal())) {
            throw corrupt("unknown layout " + supportCode);
        }
        Support s = Support.values()[supportCode];
        boolean[] stored = null;
        if (s != Support.ALL) {
            stored = MaskCodec.decode(d, n);
            if (stored == null) {
                throw corrupt("the positions of the stored values are inconsistent");
            }
        }
        Tensor t;
        if (c != null) {
            c = IndexCodec.read(d, c, shape, stored, s == Support.MASK);
            t = Tensor.of(name, role, shape, new float[n]);
        } else {
            t = Tensor.of(name, role, shape, readValues(d, shape, n, stored, q));
        }
        check(d);
        return rebuild(t, s == Support.MASK ? stored : null, c, q, precision);
    }

    private static float[] readValues(RangeDecoder d, int[] shape, int n, boolean[] stored,
                                      QuantSpec q) {
        int formCode = (int) d.direct(2);
        if ((q != null) != (formCode == Form.INTS.ordinal())) {
            throw corrupt("value form " + formCode + " does not fit the quantisation");
        }
        if (q != null) {
            int[] ints = new int[n];
            ValueCodec.Ints coder = new ValueCodec.Ints(q.bits());
            Channels ch = q.perChannel() ? Channels.of("load", shape, q.axis(), n) : null;
            for (int i = 0; i < n; i++) {
                if (stored == null || stored[i]) {
                    ints[i] = coder.read(d) + q.qmin();
                } else {
                    ints[i] = q.zeroPoint(ch == null ? 0 : (i / ch.inner()) % ch.count());
                }
            }
            return Quantizer.dequantize(ints, shape, q);
        }
        ValueCodec.Floats coder = new ValueCodec.Floats(floatForm(Form.values()[formCode]));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            if (stored == null || stored[i]) {
                v[i] = coder.read(d);
                if (!Float.isFinite(v[i])) {
                    throw corrupt("weight " + i + " is " + v[i] + " (NaN weights)");
                }
            }
        }
        return v;
    }

    private static Tensor rebuild(Tensor t, boolean[] mask, Clusters c, QuantSpec q,
                                  Precision p) {
        Tensor r = mask != null ? t.withMask(mask) : t;
        if (c != null) {
            r = r.withClusters(c);
        }
        if (q != null) {
            if (p != Precision.FP32) {
                throw corrupt("a quantised tensor has no float precision");
            }
            return r.withQuant(q);
        }
        return p == Precision.FP32 ? r : r.withPrecision(p);
    }

    private static void check(RangeDecoder d) {
        if (d.overrun() > 0 || d.remaining() > 0) {
            throw corrupt("the coded data is " + (d.overrun() > 0 ? "shorter" : "longer")
                    + " than its contents (counts inconsistent)");
        }
    }

    static InvalidInputException corrupt(String message) {
        return new InvalidInputException(message);
    }

    /** Whether two tensors are the same bit for bit, compression state included. */
    static boolean sameState(Tensor a, Tensor b) {
        return a.name().equals(b.name()) && a.role() == b.role()
                && Arrays.equals(a.shape(), b.shape()) && Arrays.equals(a.values(), b.values())
                && Arrays.equals(a.mask(), b.mask())
                && java.util.Objects.equals(a.clusters(), b.clusters())
                && java.util.Objects.equals(a.quant(), b.quant())
                && a.precision() == b.precision();
    }

    /** The number of values of a shape, or a huge number when it would overflow. */
    static long count(int[] shape) {
        long n = 1;
        for (int dim : shape) {
            if (dim < 0 || (dim > 0 && n > (Long.MAX_VALUE / 4) / dim)) {
                return Long.MAX_VALUE / 4;
            }
            n *= dim;
        }
        return n;
    }

    private static boolean[] stored(Support s, float[] v, boolean[] mask) {
        if (s == Support.MASK) {
            return mask;
        }
        if (s == Support.ALL) {
            return null;
        }
        boolean[] nz = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            nz[i] = Float.floatToRawIntBits(v[i]) != 0;
        }
        return nz;
    }

    private static boolean hasZero(float[] v) {
        for (float x : v) {
            if (Float.floatToRawIntBits(x) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean allExact(float[] v, ValueCodec.FloatForm f) {
        for (float x : v) {
            if (!f.exact(x)) {
                return false;
            }
        }
        return true;
    }

    static ValueCodec.FloatForm floatForm(Form f) {
        return switch (f) {
            case FP16 -> ValueCodec.FloatForm.FP16;
            case BF16 -> ValueCodec.FloatForm.BF16;
            default -> ValueCodec.FloatForm.FP32;
        };
    }
}
