package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.DiagonalBiLstm;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.RowLstm;

/**
 * Maps an architecture name in a {@link ModelConfig} to its network. Adding a model is one
 * {@link Layer} class, one line here and a preset in {@link Presets}.
 */
public final class Architectures {
    private Architectures() {
    }

    /** The network for a validated config: input (N, C, H, W) scaled, output (N, C·K, H, W). */
    public static Layer build(ModelConfig config) {
        return switch (config.architecture()) {
            case ROW_RNN -> new RowRnn(config);
            case MULTISCALE -> new MultiScaleNet(config);
            case PIXELCNN, ROW_LSTM, DIAGONAL_BILSTM -> conditional(config, 0);
        };
    }

    /**
     * A network of one of {@link MultiScale#SCALES} that takes {@code conditionMaps}
     * conditioning maps (0: none), for the scales of a Multi-scale PixelRNN.
     */
    static PaperNetwork conditional(ModelConfig config, int conditionMaps) {
        int h = config.hidden();
        int groups = config.channels();
        return switch (config.architecture()) {
            case PIXELCNN -> new PixelCnn(config, conditionMaps);
            case ROW_LSTM -> new SpatialLstmNet(config,
                    l -> new RowLstm(2 * h, h, config.kernel(), groups), conditionMaps);
            case DIAGONAL_BILSTM -> new SpatialLstmNet(config,
                    l -> new DiagonalBiLstm(2 * h, h, groups), conditionMaps);
            case ROW_RNN, MULTISCALE -> throw new IllegalStateException(config.architecture() + " is not a scale");
        };
    }
}
