package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;

/**
 * One network's incremental pass (SPEC §8): it visits the pixels in its model's
 * {@link Ordering} and keeps, on the decoder's manager, what each layer needs of the pixels
 * before; each pixel costs one position of every layer, not a pass over the image.
 *
 * <p>Per pixel: {@link #step} any number of times (a colour image runs the pixel once per
 * colour, one more colour known each time), then {@link #commit} once, with every colour
 * known. A pixel out of turn is an {@link IllegalStateException}.
 */
interface NetworkDecoder {

    /**
     * Runs every layer at pixel (y, x), the pixel after the last committed one.
     *
     * @param pixel (N, C), the pixel's values scaled to [-1, 1]; the colours from the one being
     *     predicted on are arbitrary (the masks hide them). The result lives on its manager.
     * @param logits whether to compute the logits (else only the layers' states)
     * @return (N, C·K), or null when {@code logits} is false
     */
    NDArray step(int y, int x, NDArray pixel, boolean logits);

    /**
     * The pixel's final values: keeps its states and moves on to the next pixel.
     *
     * @param pixel (N, C), every colour known, scaled; on the caller's scope
     * @param stepped whether the last {@link #step} of this pixel had every colour but the last
     *     known, so that its states are the pixel's (no layer's output at a pixel depends on the
     *     pixel's last colour; only the input layer's window of inputs needs it); otherwise the
     *     layers run again here
     */
    void commit(int y, int x, NDArray pixel, boolean stepped);
}
