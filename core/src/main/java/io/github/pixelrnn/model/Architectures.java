package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.DiagonalBiLstm;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.RowLstm;

/**
 * Builds the network of a {@link ModelConfig} from its typed settings ({@link NetworkConfig}).
 * Adding a model is one {@link Layer} class, one {@link NetworkConfig} record, a line here and a
 * preset in {@link Presets}.
 */
public final class Architectures {
    private Architectures() {
    }

    /** The network for a validated config: input (N, C, H, W) scaled, output (N, C·K, H, W). */
    public static Layer build(ModelConfig config) {
        ImageShape image = config.image();
        NetworkConfig network = config.network();
        if (network instanceof RowRnnConfig r) {
            return new RowRnn(image, r);
        }
        if (network instanceof MultiScaleConfig m) {
            return new MultiScaleNet(image, m);
        }
        return conditional(image, (PaperLayers) network, 0); // the rest of the sealed NetworkConfig
    }

    /**
     * A network of Table 1 on {@code image} that takes {@code conditionMaps} conditioning maps
     * (0: none), as the scales of a Multi-scale PixelRNN do.
     */
    static PaperNetwork conditional(ImageShape image, PaperLayers network, int conditionMaps) {
        int h = network.hidden();
        int groups = image.channels();
        if (network instanceof PixelCnnConfig p) {
            return new PixelCnn(image, p, conditionMaps);
        }
        if (network instanceof RowLstmConfig r) {
            return new SpatialLstmNet(image, r, l -> new RowLstm(2 * h, h, r.kernel(), groups), conditionMaps);
        }
        return new SpatialLstmNet(image, (DiagonalBiLstmConfig) network, // the last of the sealed PaperLayers
                l -> new DiagonalBiLstm(2 * h, h, groups), conditionMaps);
    }
}
