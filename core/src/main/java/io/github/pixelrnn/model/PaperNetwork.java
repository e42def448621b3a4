package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What every PixelRNN network of Table 1 shares: the k×k mask-A input layer from the C colours
 * to 2h maps, the output stack fed by every layer (Section 3.5), and, as the conditional
 * network of a Multi-scale PixelRNN (Section 3.3), one 1×1 convolution of the c conditioning
 * maps into a bias for every layer. Subclasses add their hidden layers between the two ends.
 *
 * <p>Its incremental pass ({@link #decoder}) runs the same ends one pixel at a time, in raster
 * order, around the hidden layers' own steps ({@link HiddenSteps}).
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
        if (condition == null) {
            return Collections.nCopies(layers, null);
        }
        if (conditioning == null) {
            throw new IllegalArgumentException("this network takes no conditioning maps");
        }
        return conditioning.biases(ps, condition, training);
    }

    @Override
    NetworkDecoder decoder(ParameterStore ps, NDManager manager, int n) {
        return decoder(ps, manager, n, null);
    }

    /**
     * The incremental pass, biased by the conditioning maps {@code condition} (N, c, H, W) of a
     * conditional network, or unconditioned (null).
     */
    final NetworkDecoder decoder(ParameterStore ps, NDManager manager, int n, NDArray condition) {
        return new Decoder(ps, manager, n, condition);
    }

    /** The hidden layers' incremental form, between the input layer and the output stack. */
    protected abstract HiddenSteps hiddenSteps(ParameterStore ps, NDManager manager, int n, int width);

    /** The hidden layers at one position at a time (SPEC §8). */
    protected interface HiddenSteps {
        /**
         * From the input layer's output to what feeds the output stack, at column {@code col} of
         * the current row.
         *
         * @param h (N, 2h), the input layer's output (its conditioning bias added)
         * @param biases the conditioning bias of every layer at this position (input layer
         *     first), (N, w) each, or nulls
         * @param output the output stack's step, to ask which layers feed it; null when no
         *     logits are wanted
         * @return the ReLU of each layer that feeds the output (N, 2h), in layer order; empty
         *     when {@code output} is null
         */
        NDList apply(NDArray h, List<NDArray> biases, int col, OutputStack.Step output);

        /** Keeps the states of the last apply (see {@link io.github.pixelrnn.nn.LayerStep#commit}). */
        void commit();

        /** The current row is complete. */
        void nextRow();
    }

    /** The network one pixel at a time: input layer, hidden layers, output stack. */
    private final class Decoder implements NetworkDecoder {
        private final MaskedConv2d.Step firstStep;
        private final HiddenSteps hidden;
        private final OutputStack.Step outputStep;
        /** Per layer (input layer first), the conditioning bias of every position: (H·W, N, w); or null. */
        private final List<NDArray> positionBiases;
        private int row;
        private int col;

        Decoder(ParameterStore ps, NDManager manager, int n, NDArray condition) {
            this.firstStep = first.step(ps, manager, n, width, true);
            this.hidden = hiddenSteps(ps, manager, n, width);
            this.outputStep = output.step(ps, manager, n, hiddenLayers + 1);
            this.positionBiases = condition == null ? null : positionBiases(ps, manager, condition);
        }

        /** Each layer's bias map (N, w, H, W) as (H·W, N, w), one lookup per position. */
        private List<NDArray> positionBiases(ParameterStore ps, NDManager manager, NDArray condition) {
            List<NDArray> maps = new ArrayList<>();
            try (NDManager scope = manager.newSubManager()) {
                NDArray c = condition.duplicate();
                c.attach(scope);
                for (NDArray b : biases(ps, c, hiddenLayers + 1, false)) {
                    Shape s = b.getShape();
                    NDArray byPosition = b.transpose(2, 3, 0, 1).reshape(s.get(2) * s.get(3), s.get(0), s.get(1));
                    byPosition.attach(manager); // (H·W, N, w), a contiguous copy
                    maps.add(byPosition);
                }
            }
            return maps;
        }

        @Override
        public float[] logits(int y, int x, int channel, Pixel pixel) {
            NDArray all = run(y, x, pixel, true); // (N, C·K)
            if (colours == 1) {
                return all.toFloatArray();
            }
            long from = (long) channel * valuesPerSubPixel;
            return Slices.narrow(all, 1, from, from + valuesPerSubPixel).duplicate().toFloatArray(); // (N, K)
        }

        /** Every layer at (y, x); the logits (N, C·K) when asked for, else null. */
        private NDArray run(int y, int x, Pixel pixel, boolean logits) {
            checkTurn(y, x);
            List<NDArray> biases = biasesAt(y * width + x, pixel.scope());
            NDArray h = biased(firstStep.apply(pixel.array(), x), biases.get(0)); // (N, 2h)
            NDList skips = hidden.apply(h, biases, x, logits ? outputStep : null);
            return logits ? outputStep.apply(skips) : null; // (N, C·K)
        }

        @Override
        public void commit(int y, int x, Pixel pixel, boolean stepped) {
            if (!stepped) {
                run(y, x, pixel, false);
            } else {
                checkTurn(y, x);
                // The states are final, but the input layer's row needs the pixel's last colour.
                firstStep.write(pixel.array(), x);
            }
            hidden.commit();
            if (++col == width) {
                col = 0;
                row++;
                firstStep.nextRow();
                hidden.nextRow();
            }
        }

        private void checkTurn(int y, int x) {
            if (y != row || x != col) {
                throw new IllegalStateException("the network is at pixel (" + row + ", " + col + "), not (" + y + ", " + x
                        + ")");
            }
        }

        private List<NDArray> biasesAt(int position, NDManager scope) {
            if (positionBiases == null) {
                return Collections.nCopies(hiddenLayers + 1, null);
            }
            List<NDArray> at = new ArrayList<>(positionBiases.size());
            for (NDArray map : positionBiases) {
                at.add(Slices.at(map, position, scope)); // (N, w)
            }
            return at;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
