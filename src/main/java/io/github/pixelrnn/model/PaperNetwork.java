package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.ConditionedLayer;
import io.github.pixelrnn.nn.Conditioning;
import io.github.pixelrnn.nn.Layout;
import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What every PixelRNN network of Table 1 shares: the k×k mask-A input layer from the C colours
 * to 2h maps, the output stack fed by every layer (Section 3.5), and, as the conditional
 * network of a Multi-scale PixelRNN (Section 3.3), one 1×1 convolution of the c conditioning
 * maps into a bias for every layer. Subclasses add their hidden layers between the two ends.
 */
abstract class PaperNetwork extends ConditionedLayer {
    protected final MaskedConv2d first;
    protected OutputStack output;
    private Conditioning conditioning;
    private final int conditionMaps;
    private final int outChannels;

    /**
     * Registers the input layer; the subclass then registers its hidden layers and calls
     * {@link #addOutput} (children are registered in the order of the checkpoint's parameters).
     *
     * @param conditionMaps c, the conditioning maps it takes (0: an unconditional network)
     */
    PaperNetwork(ModelConfig c, int conditionMaps) {
        this.conditionMaps = conditionMaps;
        this.outChannels = c.channels() * c.valuesPerSubPixel();
        this.first = addChildBlock("first", new MaskedConv2d(MaskType.A, c.channels(), 2 * c.hidden(),
                c.firstKernel(), c.firstKernel(), c.channels(), true));
    }

    /**
     * Registers the output stack fed by the input layer and each of the {@code layers} hidden
     * layers (2h maps each), then the conditioning.
     *
     * @param biasWidths the channels of each hidden layer's conditioning bias
     */
    protected final void addOutput(ModelConfig c, int[] biasWidths) {
        addOutput(c, biasWidths, Layout.CHANNELS_FIRST);
    }

    /** As above, for hidden layers whose maps are in {@code layout}. */
    protected final void addOutput(ModelConfig c, int[] biasWidths, Layout layout) {
        int[] layerChannels = new int[c.layers() + 1];
        Arrays.fill(layerChannels, 2 * c.hidden());
        this.output = addChildBlock("output", new OutputStack(layerChannels, c.skip(), c.outMaps(), outChannels,
                c.channels(), layout));
        if (conditionMaps > 0) {
            int[] widths = new int[biasWidths.length + 1];
            widths[0] = 2 * c.hidden(); // the input layer's output
            System.arraycopy(biasWidths, 0, widths, 1, biasWidths.length);
            this.conditioning = addChildBlock("conditioning", new Conditioning(conditionMaps, widths));
        }
    }

    @Override
    public int conditionChannels() {
        return conditionMaps;
    }

    /**
     * The conditioning bias of every layer (input layer first), or nulls for an unconditional
     * pass; release them with {@link #release} after the last layer.
     */
    protected final List<NDArray> biases(ParameterStore ps, NDArray condition, int layers, boolean training) {
        if (condition == null) {
            return Collections.nCopies(layers, null);
        }
        if (conditioning == null) {
            throw new IllegalArgumentException("this network takes no conditioning maps");
        }
        return conditioning.biases(ps, condition, training);
    }

    /** Closes the biases from {@link #biases} (views on the conditioning output). */
    protected static void release(List<NDArray> biases) {
        for (NDArray b : biases) {
            if (b != null) {
                b.close();
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
