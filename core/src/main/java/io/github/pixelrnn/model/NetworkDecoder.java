package io.github.pixelrnn.model;

/**
 * One network's incremental pass (SPEC §8): it visits the pixels in its model's
 * {@link Ordering} and keeps, on the decoder's manager, what each layer needs of the pixels
 * before; each pixel costs one position of every layer, not a pass over the image.
 *
 * <p>Per pixel: {@link #logits} any number of times (a colour image asks once per colour, one
 * more colour known each time), then {@link #commit} once, with every colour known. A pixel out
 * of turn is an {@link IllegalStateException}.
 */
interface NetworkDecoder {

    /**
     * The logits of colour {@code channel} at pixel (y, x), the pixel after the last committed
     * one, for each image.
     *
     * @param pixel the pixel's values; the colours from {@code channel} on are arbitrary (the
     *     masks hide them)
     * @return n·K logits, image-major
     */
    float[] logits(int y, int x, int channel, Pixel pixel);

    /**
     * The pixel's final values: keeps its states and moves on to the next pixel.
     *
     * @param pixel every colour known
     * @param stepped whether the last {@link #logits} call of this pixel was for its last colour,
     *     so that the states it computed are the pixel's (no layer's output at a pixel depends on
     *     the pixel's last colour; only the input layer's row of inputs needs it); otherwise the
     *     layers run again here
     */
    void commit(int y, int x, Pixel pixel, boolean stepped);
}
