package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.ConditionedLayer;
import io.github.pixelrnn.nn.Conditioning;
import io.github.pixelrnn.nn.Layout;
import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * What every PixelRNN network of Table 1 shares: the k×k mask-A input layer from the C colours
 * to 2h maps, the output stack fed by every layer (Section 3.5), and, as the conditional
 * network of a Multi-scale PixelRNN (Section 3.6), one 1×1 convolution of the c conditioning
 * maps into a bias for every layer. Subclasses add their hidden layers between the two ends.
 *
 * <p>Its incremental pass ({@link #step}) runs the same ends one pixel at a time, in raster
 * order, around the hidden layers' own step ({@link #hiddenStep}).
 */
abstract class PaperNetwork extends Network {
    protected final MaskedConv2d first;
    protected OutputStack output;
    private Conditioning conditioning;
    private final int conditionMaps;
    private final int outChannels;
    private final int colours;
    private final int valuesPerSubPixel;
    private final int height;
    private final int width;
    private final int hiddenLayers;

    /**
     * Registers the input layer; the subclass then registers its hidden layers and calls
     * {@link #addOutput} (children are registered in the order of the checkpoint's parameters).
     *
     * @param image the images it models
     * @param n the sizes of its layers
     * @param conditionMaps c, the conditioning maps it takes (0: an unconditional network)
     */
    PaperNetwork(ImageShape image, PaperLayers n, int conditionMaps) {
        this.conditionMaps = conditionMaps;
        this.outChannels = image.channels() * image.valuesPerSubPixel();
        this.colours = image.channels();
        this.valuesPerSubPixel = image.valuesPerSubPixel();
        this.height = image.height();
        this.width = image.width();
        this.hiddenLayers = n.layers();
        this.first = addChildBlock("first", new MaskedConv2d(MaskType.A, colours, 2 * n.hidden(),
                n.firstKernel(), n.firstKernel(), colours, true));
    }

    /**
     * Registers the output stack fed by the input layer and each of the {@code layers} hidden
     * layers (2h maps each), then the conditioning.
     *
     * @param biasWidths the channels of each hidden layer's conditioning bias
     */
    protected final void addOutput(PaperLayers n, int[] biasWidths) {
        addOutput(n, biasWidths, Layout.CHANNELS_FIRST);
    }

    /** As above, for hidden layers whose maps are in {@code layout}. */
    protected final void addOutput(PaperLayers n, int[] biasWidths, Layout layout) {
        int[] layerChannels = new int[n.layers() + 1];
        Arrays.fill(layerChannels, 2 * n.hidden());
        this.output = addChildBlock("output", new OutputStack(layerChannels, n.skip(), n.outMaps(), outChannels,
                colours, layout));
        if (conditionMaps > 0) {
            int[] widths = new int[biasWidths.length + 1];
            widths[0] = 2 * n.hidden(); // the input layer's output
            System.arraycopy(biasWidths, 0, widths, 1, biasWidths.length);
            this.conditioning = addChildBlock("conditioning", new Conditioning(conditionMaps, widths));
        }
    }

    @Override
    public int conditionChannels() {
        return conditionMaps;
    }

    /** The conditioning bias of every layer (input layer first), or nulls for an unconditional pass. */
    protected final List<NDArray> biases(ParameterStore ps, NDArray condition, int layers, boolean training) {
        return biases(ps, condition, layers, Layout.CHANNELS_FIRST, training);
    }

    /** The same in {@code layout}: (N, w, H, W) or (N, H, W, w) per layer. */
    protected final List<NDArray> biases(ParameterStore ps, NDArray condition, int layers, Layout layout,
            boolean training) {
        if (condition == null) {
            return Collections.nCopies(layers, null);
        }
        if (conditioning == null) {
            throw new IllegalArgumentException("this network takes no conditioning maps");
        }
        return conditioning.biases(ps, condition, layout, training);
    }

    @Override
    Step step(ParameterStore ps, NDManager manager, int n, NDArray condition) {
        return new NetworkStep(ps, manager, n, condition);
    }

    /**
     * The hidden layers' incremental form, between the input layer and the output stack: from the
     * input layer's output (N, 2h) at a position to the ReLU of every layer that feeds the output
     * stack, concatenated in layer order (N, Σ maps). Its condition is the concatenation of the
     * hidden layers' conditioning biases at the position (N, Σ w, in layer order), or null.
     *
     * @param feedsOutput whether the visit's logits are wanted (else the skip activations may be skipped)
     */
    protected abstract Step hiddenStep(ParameterStore ps, NDManager manager, int n, int width,
            Predicate<Step.Cursor> feedsOutput);

    /** Whether layer {@code l} (the input layer is 0) feeds the output stack. */
    protected final boolean feedsOutput(int l) {
        return output.takes(l, hiddenLayers + 1);
    }

    /** The ReLUs of the layers that feed the output, as the output stack's step takes them: (N, Σ maps). */
    protected static NDArray skipInput(NDList activations) {
        return activations.size() == 1 ? activations.get(0) : NDArrays.concat(activations, 1); // (N, Σ maps)
    }

    /**
     * The network one pixel at a time: input layer, hidden layers, output stack. The visit of a
     * complete pixel after the visit of its last colour only gives the input layer the pixel's last
     * colour, which later pixels read; the layers' states at the pixel are those of that visit
     * already (no output sees the colour of its own group and after). A complete pixel visited
     * for the first time (a known pixel of a multi-scale grid, say) runs every layer but the
     * output stack.
     */
    private final class NetworkStep implements Step {
        private final MaskedConv2d.Step firstStep;
        private final Step hidden;
        private final Step outputStep;
        /** The input layer's conditioning bias at every position, (H·W, N, 2h); null when unconditioned. */
        private final NDArray firstBias;
        /** The hidden layers' biases, concatenated, at every position, (H·W, N, Σ w); null when unconditioned. */
        private final NDArray hiddenBias;
        private Cursor last;

        NetworkStep(ParameterStore ps, NDManager manager, int n, NDArray condition) {
            this.firstStep = first.step(ps, manager, n, width, true);
            this.hidden = hiddenStep(ps, manager, n, width, at -> at.channel() < colours);
            this.outputStep = output.step(ps, manager, n);
            if (condition == null) {
                this.firstBias = null;
                this.hiddenBias = null;
            } else {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray c = condition.duplicate();
                    c.attach(scope);
                    List<NDArray> maps = biases(ps, c, hiddenLayers + 1, false); // per layer (N, w, H, W)
                    this.firstBias = byPosition(maps.get(0), manager);
                    NDArray rest = NDArrays.concat(new NDList(maps.subList(1, maps.size())), 1); // (N, Σ w, H, W)
                    this.hiddenBias = byPosition(rest, manager);
                }
            }
        }

        /** A bias map (N, w, H, W) as (H·W, N, w), one lookup per position, on {@code manager}. */
        private NDArray byPosition(NDArray map, NDManager manager) {
            Shape s = map.getShape();
            NDArray y = map.transpose(2, 3, 0, 1).reshape(s.get(2) * s.get(3), s.get(0), s.get(1)); // a contiguous copy
            y.attach(manager);
            return y;
        }

        /** The logits (N, C·K) at {@code at}; null for the visit of a complete pixel. */
        @Override
        public NDArray step(NDArray pixel, NDArray condition, Cursor at) {
            refuseLateCondition(condition);
            checkTurn(last, at, width, colours);
            NDManager scope = pixel.getManager();
            int position = at.row() * width + at.col();
            NDArray firstBiasAt = firstBias == null ? null : Slices.at(firstBias, position, scope);
            boolean complete = at.channel() == colours;
            boolean statesKnown = complete && at.samePixel(last) && last.channel() == colours - 1;
            last = at;
            NDArray h = firstStep.step(pixel, firstBiasAt, at); // (N, 2h)
            if (statesKnown) {
                return null;
            }
            NDArray skips = hidden.step(h, hiddenBias == null ? null : Slices.at(hiddenBias, position, scope), at);
            return complete ? null : outputStep.step(skips, null, at); // (N, C·K)
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
