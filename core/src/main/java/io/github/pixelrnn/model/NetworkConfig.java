package io.github.pixelrnn.model;

/**
 * The settings of one architecture, holding only the fields that architecture uses: one record
 * per network family. It builds its network ({@link #network}); with an {@link ImageShape} it
 * makes a {@link ModelConfig} ({@link ModelConfig#of}), which is the form a checkpoint stores;
 * {@link ModelConfig#network()} reads it back.
 *
 * <pre>{@code
 * ModelConfig c = ModelConfig.of(new ImageShape(1, 28, 28, 2),
 *         new PixelCnnConfig(32, 7, 32, 7, 3, true, true));
 * }</pre>
 */
public sealed interface NetworkConfig permits PaperLayers, RowRnnConfig, MultiScaleConfig {

    /** The family it configures. */
    Architecture architecture();

    /**
     * The network these settings describe, on {@code image}, taking {@code conditionMaps}
     * conditioning maps (N, c, H, W) that bias every layer: 0 for an unconditional network, the
     * class count K for a class-conditional one (one-hot maps), the upsampled small image's c
     * maps for the large scale of a Multi-scale PixelRNN. Each record builds its own, so a new
     * record does not compile without its network.
     */
    Network network(ImageShape image, int conditionMaps);

    /** The unconditional network on {@code image}. */
    default Network network(ImageShape image) {
        return network(image, 0);
    }

    /** The stored form of these settings on {@code image} (not yet validated): what a checkpoint holds. */
    ModelConfig stored(ImageShape image);

    /** Checks what only this architecture knows; a one-line {@code UserError} names the first bad value. */
    default void validate() {
    }

    /** h of the paper: layers carry 2h feature maps (the row-RNN: its state size). */
    int hidden();

    /** Hidden layers: residual blocks, LSTM layers or recurrent layers. */
    int layers();
}
