package io.github.pixelrnn.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.model.Decoder;
import io.github.pixelrnn.model.Ordering;
import io.github.pixelrnn.model.PixelModel;

/**
 * The reference decoder: for every sub-pixel whose logits are asked for, it runs the whole
 * network again, on just the rows of the canvas that the sub-pixel's row depends on
 * ({@link Ordering#rowsNeeded}: rows 0..y in raster order) and, for a multi-scale model, only the
 * network of the sub-pixel's phase. Cropping the rows below is exact because every model is
 * causal in its order (the causality tests prove it), so the cost per sub-pixel grows with y
 * instead of being the whole image. Known sub-pixels cost nothing.
 *
 * <p>{@link PixelModel#decoder} gives the same logits (to float precision) at a fraction of the
 * cost; this one stays as the reference it is tested and benchmarked against
 * ({@code --strategy naive}).
 */
public final class Recompute extends Decoder {

    public Recompute(PixelModel model, int n) {
        this(model, n, null);
    }

    /** The reference decoder of p(x | y), image i of class {@code classes[i]} (null: unconditional). */
    public Recompute(PixelModel model, int n, int[] classes) {
        super(model, n, classes);
    }

    @Override
    protected float[] computeLogits(Ordering.Position p) {
        int rows = model.ordering().rowsNeeded(p.phase(), p.y(), height);
        float[] canvas = canvas();
        float[] top = new float[n * channels * rows * width];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < channels; k++) {
                System.arraycopy(canvas, ((i * channels + k) * height) * width, top, ((i * channels + k) * rows) * width,
                        rows * width);
            }
        }
        int kk = model.config().valuesPerSubPixel();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray in = m.create(top, new Shape(n, channels, rows, width)); // (N, C, rows, W)
            NDArray logits = model.logits(in, classes, p.phase()); // (N, C·K, rows, W)
            NDArray at = logits.get(new NDIndex(":, {}:{}, {}, {}", p.channel() * kk, (p.channel() + 1) * kk, p.y(),
                    p.x())); // (N, K)
            return at.toFloatArray();
        }
    }

    @Override
    protected void accepted(Ordering.Position p, boolean logitsComputed) {
        // the canvas is all it needs
    }

    @Override
    protected void release() {
        // it holds nothing but the canvas
    }
}
