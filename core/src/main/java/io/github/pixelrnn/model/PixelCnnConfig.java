package io.github.pixelrnn.model;

/**
 * A {@link PixelCnn} (Sections 3.4 and 3.5): the mask-A input layer, {@code layers} residual
 * blocks (1×1, k×k mask B, 1×1) of 2h maps, and the output stack.
 *
 * @param hidden h: the blocks carry 2h maps
 * @param layers residual blocks
 * @param outMaps width of the two output layers
 * @param firstKernel kernel size of the mask-A input layer (7 in the paper)
 * @param kernel kernel size of each block's mask-B convolution (3 in the paper)
 * @param residual the residual connection around each block
 * @param skip skip connections from every layer to the output
 */
public record PixelCnnConfig(int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
        boolean skip) implements PaperLayers {

    @Override
    public Architecture architecture() {
        return Architecture.PIXELCNN;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new PixelCnn(image, this, conditionMaps);
    }

    @Override
    public ModelConfig stored(ImageShape image) {
        return ModelConfig.stored(image, Architecture.PIXELCNN, hidden, layers, outMaps, firstKernel, kernel,
                residual, skip);
    }
}
