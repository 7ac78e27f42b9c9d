package mcs.runtime.io;

import mcs.runtime.quant.BFloat16;
import mcs.runtime.quant.Float16;

/**
 * Numbers as entropy-coded bits. Floats keep every bit: the sign and exponent go through an
 * adaptive bit tree (weights of a layer share a few exponents, so they cost a few bits instead
 * of 9), the mantissa is written as is. Integers of a known width (quantised weights, cluster
 * indices) go through an adaptive bit tree, which learns their whole distribution.
 */
final class ValueCodec {

    /** How float values are written: all 32 bits, or the 16 bits of an fp16 or bf16 value. */
    enum FloatForm {
        FP32(9, 23), FP16(6, 10), BF16(9, 7);

        final int top;
        final int low;

        FloatForm(int top, int low) {
            this.top = top;
            this.low = low;
        }

        int bits(float x) {
            return switch (this) {
                case FP32 -> Float.floatToRawIntBits(x);
                case FP16 -> Float16.fromFloat(x) & 0xFFFF;
                case BF16 -> BFloat16.fromFloat(x) & 0xFFFF;
            };
        }

        float value(int bits) {
            return switch (this) {
                case FP32 -> Float.intBitsToFloat(bits);
                case FP16 -> Float16.toFloat((short) bits);
                case BF16 -> BFloat16.toFloat((short) bits);
            };
        }

        /** Whether {@code x} survives this form bit for bit. */
        boolean exact(float x) {
            return Float.floatToRawIntBits(value(bits(x))) == Float.floatToRawIntBits(x);
        }
    }

    private ValueCodec() {
    }

    /** A coder of floats in one form, with its own adaptive statistics. */
    static final class Floats {
        private final FloatForm form;
        private final Contexts top;

        Floats(FloatForm form) {
            this.form = form;
            this.top = new Contexts(1 << form.top);
        }

        void write(RangeEncoder e, float x) {
            int b = form.bits(x);
            e.tree(top, 0, form.top, b >>> form.low);
            e.direct(b & ((1 << form.low) - 1), form.low);
        }

        float read(RangeDecoder d) {
            int hi = d.tree(top, 0, form.top);
            int lo = (int) d.direct(form.low);
            return form.value((hi << form.low) | lo);
        }
    }

    /** A coder of integers in {@code [0, 2^bits)}, with its own adaptive statistics. */
    static final class Ints {
        private final int bits;
        private final Contexts tree;

        Ints(int bits) {
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException("bit trees are 1 to 16 bits wide, got " + bits);
            }
            this.bits = bits;
            this.tree = new Contexts(1 << bits);
        }

        void write(RangeEncoder e, int v) {
            e.tree(tree, 0, bits, v);
        }

        int read(RangeDecoder d) {
            return d.tree(tree, 0, bits);
        }
    }
}
