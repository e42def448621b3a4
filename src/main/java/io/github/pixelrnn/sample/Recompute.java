package io.github.pixelrnn.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.pixelrnn.model.ModelConfig;
import io.github.pixelrnn.model.Ordering;
import io.github.pixelrnn.model.PixelModel;

/**
 * The straightforward strategy: run the whole network for every sub-pixel, but only on the
 * rows of the canvas that the sub-pixel's row depends on ({@link Ordering#rowsNeeded}: rows
 * 0..y in raster order). Cropping the rows below is exact because every model is causal in its
 * order (the causality tests prove it), so the cost per sub-pixel grows with y instead of
 * being the whole image.
 */
public final class Recompute implements SamplingStrategy {

    @Override
    public float[] logits(PixelModel model, float[] canvas, int n, int c, int y, int x) {
        ModelConfig cfg = model.config();
        int ch = cfg.channels();
        int h = cfg.height();
        int w = cfg.width();
        Ordering order = model.ordering();
        int phase = order.phase(y, x);
        int rows = order.rowsNeeded(phase, y, h);
        float[] top = new float[n * ch * rows * w];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ch; k++) {
                System.arraycopy(canvas, ((i * ch + k) * h) * w, top, ((i * ch + k) * rows) * w, rows * w);
            }
        }
        int kk = cfg.valuesPerSubPixel();
        try (NDManager m = model.manager().newSubManager()) {
            NDArray in = m.create(top, new Shape(n, ch, rows, w)); // (N, C, rows, W)
            NDArray logits = model.logits(in, phase); // (N, C·K, rows, W)
            NDArray at = logits.get(new NDIndex(":, {}:{}, {}, {}", c * kk, (c + 1) * kk, y, x)); // (N, K)
            return at.toFloatArray();
        }
    }
}
