package mcs.runtime.io;

import java.util.ArrayList;
import java.util.List;
import mcs.runtime.cluster.Codebook;
import mcs.runtime.model.Clusters;
import mcs.runtime.model.Precision;
import mcs.runtime.quant.QuantSpec;
import mcs.runtime.quant.Quantizer;

/**
 * The compression state of a tensor inside its block: a quantisation spec (bits, signedness,
 * symmetry, axis, each channel's fp32 scale and its zero point at the spec's width) and the
 * codebooks' sizes, reserved zeros and centroids (as integers on the spec's grid when the
 * tensor is quantised, else in its float precision). Reading checks every count against the
 * tensor's shape before anything is allocated.
 */
final class StateCodec {

    private StateCodec() {
    }

    static void writeQuant(RangeEncoder e, QuantSpec q) {
        e.direct(q.bits() == 8 ? 1 : 0, 1);
        e.direct(q.signed() ? 1 : 0, 1);
        e.direct(q.symmetric() ? 1 : 0, 1);
        e.varint(q.axis() + 1L);
        e.varint(q.channels());
        for (int c = 0; c < q.channels(); c++) {
            e.direct(Float.floatToRawIntBits(q.scale(c)) & 0xFFFF_FFFFL, 32);
            e.direct(q.zeroPoint(c) - q.qmin(), q.bits());
        }
    }

    static QuantSpec readQuant(RangeDecoder d, int[] shape) {
        int bits = d.direct(1) == 1 ? 8 : 4;
        boolean signed = d.direct(1) == 1;
        boolean symmetric = d.direct(1) == 1;
        int axis = (int) Math.min(d.varint(), Integer.MAX_VALUE) - 1;
        long channels = d.varint();
        if (axis < -1 || axis >= shape.length) {
            throw TensorCodec.corrupt("quantisation axis " + axis + " does not fit shape of rank "
                    + shape.length);
        }
        long expected = axis < 0 ? 1 : shape[axis];
        if (channels != expected) {
            throw TensorCodec.corrupt("quantisation has " + channels + " channels, expected "
                    + expected + " (counts inconsistent)");
        }
        QuantSpec kind = QuantSpec.fromRange(bits, signed, symmetric, 0f, 0f);
        float[] scales = new float[(int) channels];
        int[] zps = new int[(int) channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = Float.intBitsToFloat((int) d.direct(32));
            zps[c] = (int) d.direct(bits) + kind.qmin();
        }
        return new QuantSpec(bits, signed, symmetric, axis, scales, zps);
    }

    static void writeClusters(RangeEncoder e, Clusters c, QuantSpec q, Precision p) {
        e.varint(c.axis() + 1L);
        e.varint(c.books().size());
        ValueCodec.Floats floats = new ValueCodec.Floats(form(p));
        for (int b = 0; b < c.books().size(); b++) {
            Codebook book = c.books().get(b);
            e.varint(book.size());
            e.varint(book.zeroIndex() + 1L);
            for (float x : book.centroids()) {
                if (q != null) {
                    int qi = Quantizer.quantize(x, q.scale(b), q.zeroPoint(b), q.qmin(),
                            q.qmax());
                    e.direct(qi - q.qmin(), q.bits());
                } else {
                    floats.write(e, x);
                }
            }
        }
    }

    /**
     * The codebooks' centroids and reserved zeros, with placeholder indices (all 0) that
     * {@link IndexCodec#read} replaces.
     */
    static Clusters readClusters(RangeDecoder d, int[] shape, QuantSpec q, Precision p) {
        int axis = (int) Math.min(d.varint(), Integer.MAX_VALUE) - 1;
        long count = d.varint();
        if (axis < -1 || axis >= shape.length) {
            throw TensorCodec.corrupt("cluster axis " + axis + " does not fit shape of rank "
                    + shape.length);
        }
        long expected = axis < 0 ? 1 : shape[axis];
        if (count != expected || (q != null && (q.axis() != axis || q.channels() != count))) {
            throw TensorCodec.corrupt(count + " codebooks along axis " + axis + ", expected "
                    + expected + " with one scale each (counts inconsistent)");
        }
        int length = (int) (TensorCodec.count(shape) / count);
        ValueCodec.Floats floats = new ValueCodec.Floats(form(p));
        List<Codebook> books = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            long k = d.varint();
            long zero = d.varint() - 1;
            if (k < 1 || k > Codebook.MAX_CENTROIDS || zero < -1 || zero >= k) {
                throw TensorCodec.corrupt("codebook " + b + " has " + k + " centroids and zero "
                        + "index " + zero + " (counts inconsistent)");
            }
            if (k > 2L * d.remaining() + 16) {
                throw TensorCodec.corrupt("codebook " + b + " claims " + k + " centroids, more "
                        + "than the remaining " + d.remaining() + " bytes hold");
            }
            float[] cent = new float[(int) k];
            for (int j = 0; j < k; j++) {
                cent[j] = q != null
                        ? Quantizer.dequantize((int) d.direct(q.bits()) + q.qmin(), q.scale(b),
                                q.zeroPoint(b))
                        : floats.read(d);
                if (!Float.isFinite(cent[j])) {
                    throw TensorCodec.corrupt("centroid " + j + " of codebook " + b + " is "
                            + cent[j] + " (NaN weights)");
                }
            }
            if (zero >= 0 && cent[(int) zero] != 0f) {
                throw TensorCodec.corrupt("the reserved zero centroid of codebook " + b
                        + " is " + cent[(int) zero]);
            }
            books.add(Codebook.of(cent, new int[length], (int) zero));
        }
        return new Clusters(axis, books);
    }

    private static ValueCodec.FloatForm form(Precision p) {
        return switch (p) {
            case FP16 -> ValueCodec.FloatForm.FP16;
            case BF16 -> ValueCodec.FloatForm.BF16;
            default -> ValueCodec.FloatForm.FP32;
        };
    }
}
