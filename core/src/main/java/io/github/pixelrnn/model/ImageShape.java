package io.github.pixelrnn.model;

/**
 * The images a model is for: C colour channels of H×W pixels, each sub-pixel one of
 * {@code levels} values (2: binarized data and a Bernoulli output; 256: 8-bit data and the
 * paper's 256-way softmax, Section 2.2).
 *
 * @param channels colour channels, 1 (grey or binary) or 3 (RGB)
 * @param height image height
 * @param width image width
 * @param levels values per sub-pixel, 2 or 256
 */
public record ImageShape(int channels, int height, int width, int levels) {

    /** Sub-pixels per image, C·H·W. */
    public int dims() {
        return channels * height * width;
    }

    /** Logits per sub-pixel: 1 for a Bernoulli (binary data), {@code levels} for a softmax. */
    public int valuesPerSubPixel() {
        return levels == 2 ? 1 : levels;
    }

    /** The image taken every {@code factor}-th row and column: a multi-scale model's small image. */
    public ImageShape subsampled(int factor) {
        return new ImageShape(channels, height / factor, width / factor, levels);
    }
}
