package io.github.pixelrnn.model;

/**
 * A Multi-scale PixelRNN (Section 3.6): its two scales ({@link MultiScale}) and the sizes both
 * scale networks share.
 *
 * @param scales the subsampling factor, the conditioning maps and the two scales' architectures
 * @param hidden h of both scale networks
 * @param layers hidden layers of each scale network
 * @param outMaps width of each scale network's output layers
 * @param firstKernel kernel size of each scale network's mask-A input layer
 * @param kernel the inner kernel of a PixelCNN or Row LSTM scale (a Diagonal BiLSTM scale has none)
 * @param residual residual connections in both scale networks
 * @param skip skip connections in both scale networks
 */
public record MultiScaleConfig(MultiScale scales, int hidden, int layers, int outMaps, int firstKernel, int kernel,
        boolean residual, boolean skip) implements NetworkConfig {

    @Override
    public Architecture architecture() {
        return Architecture.MULTISCALE;
    }

    @Override
    public Network network(ImageShape image, int conditionMaps) {
        return new MultiScaleNet(image, this, conditionMaps);
    }

    @Override
    public ModelConfig stored(ImageShape image) {
        return new ModelConfig(Architecture.MULTISCALE, image.channels(), image.height(), image.width(),
                image.levels(), hidden, layers, outMaps, firstKernel, kernel, residual, skip, null, false, false, null,
                scales);
    }

    /** The unconditional network of the small image. */
    public PaperLayers small() {
        return scale(scales.small());
    }

    /** The conditional network of the full image. */
    public PaperLayers large() {
        return scale(scales.large());
    }

    private PaperLayers scale(Architecture architecture) {
        return PaperLayers.of(architecture, hidden, layers, outMaps, firstKernel, kernel, residual, skip);
    }
}
