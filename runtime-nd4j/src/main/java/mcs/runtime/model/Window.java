package mcs.runtime.model;

import mcs.runtime.InvalidInputException;

/**
 * Where a convolution or pooling window goes over a channels-first image: kernel and stride per
 * axis and the padding. {@link Padding#SAME} pads as TensorFlow/Keras and ONNX
 * {@code SAME_UPPER} do (output = ceil(input / stride), the odd row/column after);
 * {@link Padding#VALID} uses the explicit pads (zero unless given, as ONNX {@code pads}).
 */
public record Window(int kernelH, int kernelW, int strideH, int strideW, Padding padding,
                     int padTop, int padLeft, int padBottom, int padRight) {

    public Window {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1) {
            throw new InvalidInputException("kernel sizes and strides must be at least 1, got "
                    + kernelH + "x" + kernelW + " stride " + strideH + "x" + strideW);
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new InvalidInputException("pads must not be negative");
        }
        if (padding == Padding.SAME && padTop + padLeft + padBottom + padRight > 0) {
            throw new InvalidInputException("same padding computes its own pads");
        }
    }

    /** A square window: {@code k x k}, stride {@code s} both ways. */
    public static Window square(int k, int s, Padding padding) {
        return new Window(k, k, s, s, padding, 0, 0, 0, 0);
    }

    /** Explicit pads in ONNX order: top, left, bottom, right. */
    public static Window explicit(int kh, int kw, int sh, int sw, int[] pads) {
        return new Window(kh, kw, sh, sw, Padding.VALID, pads[0], pads[1], pads[2], pads[3]);
    }

    public boolean isSquare() {
        return kernelH == kernelW && strideH == strideW;
    }

    /** The pads used on an input of this height and width: {top, left, bottom, right}. */
    public int[] pads(int inH, int inW) {
        if (padding == Padding.VALID) {
            return new int[] {padTop, padLeft, padBottom, padRight};
        }
        int th = sameTotal(inH, kernelH, strideH), tw = sameTotal(inW, kernelW, strideW);
        return new int[] {th / 2, tw / 2, th - th / 2, tw - tw / 2};
    }

    private static int sameTotal(int n, int k, int s) {
        int out = (n + s - 1) / s;
        return Math.max(0, (out - 1) * s + k - n);
    }

    /** Output height and width for this input, {@code ceil} as ONNX/PyTorch ceil_mode. */
    public int[] outSize(int inH, int inW, boolean ceil) {
        int[] p = pads(inH, inW);
        return new int[] {out(inH + p[0] + p[2], kernelH, strideH, inH + p[0], ceil),
            out(inW + p[1] + p[3], kernelW, strideW, inW + p[1], ceil)};
    }

    private static int out(int padded, int k, int s, int lastStart, boolean ceil) {
        if (padded < k) {
            return 0;
        }
        int o = ceil ? (padded - k + s - 1) / s + 1 : (padded - k) / s + 1;
        if (ceil && (o - 1) * s >= lastStart) {
            o--; // the last window would start in the padding only
        }
        return o;
    }

    /** e.g. {@code 3x3}, {@code 3x3 stride 2x1 pad 1,1,1,1}, {@code 5x5 same}. */
    public String describe() {
        StringBuilder b = new StringBuilder().append(kernelH).append('x').append(kernelW);
        if (strideH != 1 || strideW != 1) {
            b.append(" stride ").append(strideH == strideW ? "" + strideH : strideH + "x" + strideW);
        }
        if (padding == Padding.SAME) {
            b.append(" same");
        } else if (padTop + padLeft + padBottom + padRight > 0) {
            b.append(" pad ").append(padTop).append(',').append(padLeft).append(',')
                    .append(padBottom).append(',').append(padRight);
        }
        return b.toString();
    }
}
