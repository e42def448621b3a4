package io.github.pixelrnn.sample;

import io.github.pixelrnn.model.PixelModel;

/**
 * How the sampling loop obtains the distribution of the next sub-pixel. The loop in
 * {@link Sampler} is the same for every strategy; a faster one (e.g. caching each layer's
 * past activations, Ramachandran et al. 2017) only has to implement this interface.
 */
public interface SamplingStrategy {

    /**
     * The K logits of sub-pixel (c, y, x) of each of the n images on the canvas, given that
     * every sub-pixel before it in raster order is final.
     *
     * @param canvas n×C×H×W values; entries at or after (c, y, x) are arbitrary
     * @return n·K logits, image-major
     */
    float[] logits(PixelModel model, float[] canvas, int n, int c, int y, int x);
}
