package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.DiagonalBiLstm;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.RowLstm;
import java.util.List;

/**
 * Maps an architecture name in a {@link ModelConfig} to its network. Adding a model is one
 * {@link Layer} class, one line here and a preset in {@link Presets}.
 */
public final class Architectures {
    private Architectures() {
    }

    public static List<String> names() {
        return List.of("pixelcnn", "rowlstm", "diagbilstm", "rowrnn");
    }

    /** The network for a validated config: input (N, C, H, W) scaled, output (N, C·K, H, W). */
    public static Layer build(ModelConfig config) {
        return switch (config.architecture()) {
            case "pixelcnn" -> new PixelCnn(config);
            case "rowlstm" -> new SpatialLstmNet(config,
                    l -> new RowLstm(2 * config.hidden(), config.hidden(), config.kernel(), config.channels()));
            case "diagbilstm" -> new SpatialLstmNet(config,
                    l -> new DiagonalBiLstm(2 * config.hidden(), config.hidden(), config.channels()));
            case "rowrnn" -> new RowRnn(config);
            default -> throw new IllegalStateException("unvalidated architecture " + config.architecture());
        };
    }
}
