package io.github.pixelrnn.model;

import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import java.util.Arrays;

/** The two ends every PixelRNN network of Table 1 shares, built from a {@link ModelConfig}. */
final class PaperLayers {
    private PaperLayers() {
    }

    /** The first layer: a k×k convolution with mask A from the C colours to 2h maps. */
    static MaskedConv2d inputLayer(ModelConfig c) {
        return new MaskedConv2d(MaskType.A, c.channels(), 2 * c.hidden(), c.firstKernel(), c.firstKernel(),
                c.channels(), true);
    }

    /** The output stack fed by the input layer and each of the {@code layers} hidden layers (2h maps each). */
    static OutputStack outputStack(ModelConfig c) {
        int[] layerChannels = new int[c.layers() + 1];
        Arrays.fill(layerChannels, 2 * c.hidden());
        return new OutputStack(layerChannels, c.skip(), c.outMaps(), c.channels() * c.valuesPerSubPixel(),
                c.channels());
    }
}
