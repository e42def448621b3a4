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
 * small image, added to its input-to-state maps. All of them are computed as one 1×1
 * convolution to the sum of the layers' widths, then cut into one view per layer.
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
        if (condition == null) {
            return Collections.nCopies(widths.length, null);
        }
        NDArray all = apply(ps, condition, training); // (N, Σ widths, H, W)
        List<NDArray> out = new ArrayList<>();
        long from = 0;
        for (int w : widths) {
            out.add(Slices.narrow(all, 1, from, from + w)); // (N, w, H, W), a view
            from += w;
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), Arrays.stream(widths).sum(), s.get(2), s.get(3))};
    }
}
