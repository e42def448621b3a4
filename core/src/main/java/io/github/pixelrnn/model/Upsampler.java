package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Flops;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.TransposedConv2d;

/**
 * The upsampling network of the Multi-scale PixelRNN (paper, Section 3.6): the small s×s image
 * to a c×n×n conditioning map.
 *
 * <pre>
 *   s (C, s×s) --3×3 conv, ReLU--> c (s×s) --transposed conv, stride f, ReLU--> c (n×n)
 * </pre>
 *
 * The transposed convolution has a kernel of 2f (2f − 1 for odd f) so that neighbouring small
 * pixels overlap in the output, and padding that makes the output exactly f times larger.
 * Nothing is masked: the whole small image is known when the large one is generated.
 */
final class Upsampler extends Layer implements Flops.Counted {
    private final int factor;
    private final int maps;
    private final MaskedConv2d conv;
    private final TransposedConv2d up;

    Upsampler(int channels, int maps, int factor) {
        this.factor = factor;
        this.maps = maps;
        int kernel = 2 * factor - factor % 2;
        this.conv = addChildBlock("conv", new MaskedConv2d(null, channels, maps, 3, 3, 1, true));
        this.up = addChildBlock("up", new TransposedConv2d(maps, maps, kernel, factor, (kernel - factor) / 2));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray s, boolean training) {
        NDArray a = conv.apply(ps, s, training); // (N, c, s, s)
        NDArray r = a.getNDArrayInternal().relu();
        NDArray b = up.apply(ps, r, training); // (N, c, n, n)
        return b.getNDArrayInternal().relu();
    }

    /** {@code height}×{@code width} is the size of the small image. */
    @Override
    public long forwardFlops(int height, int width) {
        return 2L * conv.macsPerPixel() * height * width + up.forwardFlops(height, width);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), maps, s.get(2) * factor, s.get(3) * factor)};
    }
}
