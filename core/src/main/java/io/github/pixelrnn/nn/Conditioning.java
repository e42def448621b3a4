package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The per-layer conditioning of the Multi-scale PixelRNN (paper, Section 3.6): every layer of
 * the conditional network gets its own unmasked 1×1 convolution of the c-map upsampled from the
 * small image, added to its input-to-state maps. The layers' convolutions are stored as one,
 * to the sum of the layers' widths, and each layer's bias is computed from its own block of
 * that weight.
 *
 * <p>Computing the stacked bias once and cutting it into a view per layer would cost more:
 * the backward pass of each cut builds a gradient the size of the whole stack. The conditional
 * 20-layer Gated PixelCNN (40 cuts of 64 maps) trained at 13.6 images per second that way, 39.9
 * this way, and 46.5 unconditioned (first 50 steps, docs/conditional.md). Cutting the weight
 * instead keeps each layer's backward its own size.
 */
public final class Conditioning extends Layer {
    private final int[] widths;
    private final MaskedConv2d projection;

    /**
     * @param maps c, the maps of the conditioning input
     * @param widths the channels each layer's bias needs, in layer order
     */
    public Conditioning(int maps, int... widths) {
        this.widths = widths.clone();
        this.projection = addChildBlock("projection",
                new MaskedConv2d(null, maps, Arrays.stream(widths).sum(), 1, 1, 1, false));
    }

    /** The biases of all layers, stacked: (N, c, H, W) -> (N, Σ widths, H, W). */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return projection.apply(ps, x, training);
    }

    /**
     * One bias per layer, (N, widths[l], H, W) each; all null when {@code condition} is null
     * (an unconditioned pass).
     */
    public List<NDArray> biases(ParameterStore ps, NDArray condition, boolean training) {
        return biases(ps, condition, Layout.CHANNELS_FIRST, training);
    }

    /**
     * One bias per layer in {@code layout}, (N, widths[l], H, W) or (N, H, W, widths[l]) each, of
     * the channels-first {@code condition} (N, c, H, W); all null when it is null.
     */
    public List<NDArray> biases(ParameterStore ps, NDArray condition, Layout layout, boolean training) {
        if (condition == null) {
            return Collections.nCopies(widths.length, null);
        }
        NDArray weight = projection.weight(ps, condition.getDevice(), training); // (Σ widths, c, 1, 1)
        long maps = weight.getShape().get(1);
        NDArray x = layout.fromChannelsFirst(condition); // (N, c, H, W) or (N, H, W, c), a view
        List<NDArray> out = new ArrayList<>();
        long from = 0;
        for (int w : widths) {
            NDArray block = Slices.narrow(weight, 0, from, from + w); // (w, c, 1, 1), a view
            if (layout == Layout.CHANNELS_LAST) {
                NDArray w2 = block.reshape(w, maps); // (w, c, 1, 1) -> (w, c)
                out.add(Release.after(x.getNDArrayInternal().linear(x, w2, null).singletonOrThrow(), w2, block)); // (N, H, W, w)
            } else {
                out.add(Release.after(Convolutions.conv2d(x, block, null, 0, 0), block)); // (N, w, H, W)
            }
            from += w;
        }
        Release.all(x == condition ? null : x);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), Arrays.stream(widths).sum(), s.get(2), s.get(3))};
    }
}
