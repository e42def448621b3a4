package io.github.pixelrnn.model;

/**
 * A {@link GatedPixelCnn} (van den Oord et al. 2016b, Section 2): {@code layers} gated layers of p
 * maps in each of a vertical and a horizontal stack, the first with an n × n receptive field of
 * {@code firstKernel}, the others of {@code kernel}, and the output stack.
 *
 * @param hidden p: the maps of each stack (its gates compute 2p)
 * @param layers gated layers, the first included
 * @param outMaps width of the two output layers
 * @param firstKernel n of the first layer (7: a 4 × 7 vertical and a 1 × 4 horizontal convolution)
 * @param kernel n of the other layers (3: 2 × 3 and 1 × 2)
 * @param residual the horizontal stack's residual connections
 * @param skip skip connections from every layer to the output
 */
public record GatedPixelCnnConfig(int hidden, int layers, int outMaps, int firstKernel, int kernel, boolean residual,
        boolean skip) implements PaperLayers {

    @Override
    public Architecture architecture() {
        return Architecture.GATED_PIXELCNN;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new GatedPixelCnn(image, this, conditionMaps);
    }

    @Override
    public ModelConfig stored(ImageShape image) {
        return ModelConfig.stored(image, Architecture.GATED_PIXELCNN, hidden, layers, outMaps, firstKernel, kernel,
                residual, skip);
    }
}
