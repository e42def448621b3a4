package io.github.pixelrnn.model;

/**
 * The settings of one architecture, holding only the fields that architecture uses: one record
 * per network family. With an {@link ImageShape} it makes a {@link ModelConfig}
 * ({@link ModelConfig#of}), which is the form a checkpoint stores; {@link ModelConfig#network()}
 * reads it back.
 *
 * <pre>{@code
 * ModelConfig c = ModelConfig.of(new ImageShape(1, 28, 28, 2),
 *         new PixelCnnConfig(32, 7, 32, 7, 3, true, true));
 * }</pre>
 */
public sealed interface NetworkConfig permits PaperLayers, RowRnnConfig, MultiScaleConfig {

    /** The family it configures. */
    Architecture architecture();

    /** h of the paper: layers carry 2h feature maps (the row-RNN: its state size). */
    int hidden();

    /** Hidden layers: residual blocks, LSTM layers or recurrent layers. */
    int layers();
}
