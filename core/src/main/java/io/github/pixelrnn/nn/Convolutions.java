package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The one way this library calls libtorch's 2-D convolution (stride 1, no dilation, one group).
 *
 * <p>libtorch 2.7.1's CPU convolution computes a wrong input gradient (garbage, now and then
 * NaN) whenever the number of output channels is not a multiple of 16, on some x86 CPUs: seen
 * on an AMD EPYC with AVX-512 for every kernel of 1×3 to 3×3 with 1 to 128 input channels,
 * in both memory layouts, while the forward pass and the weight gradient were right, and
 * 16, 32, 48, 64, 80 or 128 output channels were right too (Debian's PyTorch 1.13 was right on
 * the same machine). So a convolution with such an output count runs with its weight padded by
 * zero filters to the next multiple of 16 and keeps the first {@code out} maps; the extra maps
 * get a zero gradient, so the padding changes nothing else. The presets' layers have multiples
 * of 16 and never pay for it. {@code EngineTest} checks all three results against a
 * double-precision reference.
 */
public final class Convolutions {
    /** libtorch's CPU kernels are right for output-channel counts that are multiples of this. */
    static final int CHANNEL_BLOCK = 16;

    private Convolutions() {
    }

    /**
     * y = conv(x, w) + b, zero padding {@code padH} rows and {@code padW} columns on each side.
     *
     * @param x (N, in, H, W), channels-first or a channels-last view
     * @param w (out, in, kh, kw)
     * @param b (out), or null
     * @return (N, out, H + 2·padH − kh + 1, W + 2·padW − kw + 1), in the layout libtorch picks for x
     */
    public static NDArray conv2d(NDArray x, NDArray w, NDArray b, int padH, int padW) {
        Shape ws = w.getShape();
        long out = ws.get(0);
        boolean pointwise = ws.get(2) == 1 && ws.get(3) == 1;
        if (out % CHANNEL_BLOCK == 0 || pointwise) {
            return raw(x, w, b, padH, padW);
        }
        long padded = (out + CHANNEL_BLOCK - 1) / CHANNEL_BLOCK * CHANNEL_BLOCK;
        NDArray zeros = x.getManager().zeros(new Shape(padded - out, ws.get(1), ws.get(2), ws.get(3)));
        NDArray wp = Release.after(w.concat(zeros, 0), zeros); // (out rounded up to 16, in, kh, kw)
        NDArray bp = null;
        if (b != null) {
            NDArray bz = x.getManager().zeros(new Shape(padded - out));
            bp = Release.after(b.concat(bz, 0), bz); // (out rounded up to 16)
        }
        NDArray full = Release.after(raw(x, wp, bp, padH, padW), wp, bp); // (N, out rounded up, H', W')
        return Release.after(Slices.narrow(full, 1, 0, out), full); // (N, out, H', W')
    }

    private static NDArray raw(NDArray x, NDArray w, NDArray b, int padH, int padW) {
        return x.getNDArrayInternal()
                .convolution(x, w, b, new Shape(1, 1), new Shape(padH, padW), new Shape(1, 1), 1)
                .singletonOrThrow();
    }
}
