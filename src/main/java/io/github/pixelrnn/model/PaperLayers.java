package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Conditioning;
import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

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

    /**
     * The conditioning bias of each of {@code layers} layers (input layer first), or nulls for
     * an unconditional network or pass.
     */
    static List<NDArray> biases(Conditioning conditioning, ParameterStore ps, NDArray condition, int layers,
            boolean training) {
        if (conditioning == null || condition == null) {
            if (condition != null) {
                throw new IllegalArgumentException("this network takes no conditioning maps");
            }
            return Collections.nCopies(layers, null);
        }
        return conditioning.biases(ps, condition, training);
    }

    /** Closes the biases from {@link #biases} (views on the conditioning output) once all layers ran. */
    static void release(List<NDArray> biases) {
        for (NDArray b : biases) {
            if (b != null) {
                b.close();
            }
        }
    }
}
