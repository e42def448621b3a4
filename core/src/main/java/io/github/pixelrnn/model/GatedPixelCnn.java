package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Conditioning;
import io.github.pixelrnn.nn.GatedLayer;
import io.github.pixelrnn.nn.Layout;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import io.github.pixelrnn.nn.Release;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Gated PixelCNN (van den Oord et al. 2016b, "Conditional Image Generation with PixelCNN
 * Decoders", Section 2): a stack of {@link GatedLayer}s, each a vertical stack over the rows
 * above and a horizontal stack over the current row to the left, with gated units; skip
 * connections from every layer's horizontal stack to the output stack of the PixelRNN paper
 * (Section 3.5: two ReLU + 1×1 mask-B layers and the logits).
 *
 * <pre>
 *   x (C) --gated layer (n = 7, mask A)--> p --[gated layer (n = 3, mask B)] × (layers − 1)--> p
 *          every layer's horizontal stack --skip--> output stack --> logits (C·K)
 * </pre>
 *
 * Unlike the {@link PixelCnn}, whose stacked masked kernels never see a wedge of pixels above
 * and to the right, its receptive field is every pixel before the current one within the
 * stacks' reach (the blind spot is gone; {@code BlindSpotTest}).
 *
 * <p>Its maps are channels-last inside ({@link Layout}); input and logits are channels-first. As
 * a conditional network it takes c conditioning maps (a one-hot class, spread over the image, or a
 * multi-scale model's upsampled image), and a 1×1 convolution of them biases both stacks of every
 * layer, inside both the tanh and the σ (Equation 4).
 */
final class GatedPixelCnn extends Network {
    private final List<GatedLayer> layers = new ArrayList<>();
    private final OutputStack output;
    private final Conditioning conditioning;
    private final int conditionMaps;
    private final int colours;
    private final int outChannels;
    private final int valuesPerSubPixel;
    private final int height;
    private final int width;
    private final int hidden;

    GatedPixelCnn(ImageShape image, GatedPixelCnnConfig c, int conditionMaps) {
        this.conditionMaps = conditionMaps;
        this.colours = image.channels();
        this.valuesPerSubPixel = image.valuesPerSubPixel();
        this.outChannels = colours * valuesPerSubPixel;
        this.height = image.height();
        this.width = image.width();
        this.hidden = c.hidden();
        for (int l = 0; l < c.layers(); l++) {
            boolean first = l == 0;
            layers.add(addChildBlock("gated" + l, new GatedLayer(first ? colours : hidden, hidden,
                    first ? c.firstKernel() : c.kernel(), colours, first, c.residual())));
        }
        int[] channels = new int[c.layers()];
        Arrays.fill(channels, hidden);
        this.output = addChildBlock("output", new OutputStack(channels, c.skip(), c.outMaps(), outChannels, colours,
                Layout.CHANNELS_LAST));
        if (conditionMaps > 0) {
            int[] widths = new int[2 * c.layers()]; // per layer: the vertical stack's bias, the horizontal one's
            Arrays.fill(widths, 2 * hidden);
            this.conditioning = addChildBlock("conditioning", new Conditioning(conditionMaps, widths));
        } else {
            this.conditioning = null;
        }
    }

    @Override
    public int conditionChannels() {
        return conditionMaps;
    }

    /** Each layer's two biases (vertical, horizontal), channels-last (N, H, W, 2p); nulls when unconditioned. */
    private List<NDArray> biases(ParameterStore ps, NDArray condition, boolean training) {
        if (condition == null) {
            return Collections.nCopies(2 * layers.size(), null);
        }
        if (conditioning == null) {
            throw noConditioning("this Gated PixelCNN");
        }
        return conditioning.biases(ps, condition, Layout.CHANNELS_LAST, training); // (N, H, W, 2p) each
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        List<NDArray> bias = biases(ps, condition, training);
        NDArray input = Layout.CHANNELS_LAST.fromChannelsFirst(x); // (N, H, W, C)
        NDArray v = input;
        NDArray h = input;
        NDArray sum = null;
        int count = layers.size();
        for (int l = 0; l < count; l++) {
            NDArray[] vh = layers.get(l).apply(ps, v, h, bias.get(2 * l), bias.get(2 * l + 1), training); // (N, H, W, p) each
            Release.all(v, h == v ? null : h);
            v = vh[0];
            h = vh[1];
            if (output.takes(l, count)) {
                NDArray r = h.getNDArrayInternal().relu();
                sum = Release.after(output.accumulate(ps, sum, r, l, count, training), r);
            }
        }
        Release.all(v, h);
        NDArray logits = output.finish(ps, sum, count, training); // (N, H, W, C·K)
        return Layout.CHANNELS_LAST.toChannelsFirst(logits); // (N, C·K, H, W), a view
    }

    @Override
    Step step(ParameterStore ps, NDManager manager, int n, NDArray condition) {
        return new GatedStep(ps, manager, n, condition);
    }

    /**
     * The network a pixel at a time. When a row starts, the vertical stacks of every layer run on
     * the row above, now complete (from the image row up through the layers), and each layer's
     * link to the new row is kept; each pixel then runs the horizontal stacks, each biased by its
     * link at the pixel (and its conditioning bias), and the output stack. As in the other
     * networks, a pixel is visited once per colour and once complete; the complete visit after the
     * last colour's only gives the first horizontal stack the last colour, which later pixels read.
     */
    private final class GatedStep implements Step {
        private final int n;
        private final NDManager manager;
        private final List<Step> vertical = new ArrayList<>();
        private final List<Step> horizontal = new ArrayList<>();
        private final List<MaskedConv2d.Step> links = new ArrayList<>();
        private final Step outputStep;
        /** n × W × C: the scaled values of the current row's complete pixels. */
        private final float[] rowValues;
        /** Per layer, the link of the row above to this row, (W, N, 2p); null in row 0 (the link of zeros is zero). */
        private final NDArray[] rowLinks;
        /** Per layer, the vertical stack's bias of every row (H, N, W, 2p) and the horizontal's of every position (H·W, N, 2p); null unconditioned. */
        private final NDArray[] verticalBias;
        private final NDArray[] horizontalBias;
        private Cursor last;
        private int row;

        GatedStep(ParameterStore ps, NDManager manager, int n, NDArray condition) {
            this.n = n;
            this.manager = manager;
            for (GatedLayer layer : layers) {
                vertical.add(layer.verticalStep(ps, manager, n, width));
                horizontal.add(layer.horizontalStep(ps, manager, n, width));
                links.add(layer.linkStep(ps, manager, n));
            }
            this.outputStep = output.step(ps, manager, n);
            this.rowValues = new float[n * width * colours];
            this.rowLinks = new NDArray[layers.size()];
            this.verticalBias = new NDArray[layers.size()];
            this.horizontalBias = new NDArray[layers.size()];
            if (condition != null) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray c = condition.duplicate();
                    c.attach(scope);
                    List<NDArray> b = biases(ps, c, false); // (N, H, W, 2p) each
                    for (int l = 0; l < layers.size(); l++) {
                        verticalBias[l] = kept(b.get(2 * l).transpose(1, 0, 2, 3)); // (H, N, W, 2p)
                        NDArray byPixel = b.get(2 * l + 1).reshape(n, (long) height * width, 2L * hidden); // (N, H·W, 2p)
                        horizontalBias[l] = kept(byPixel.transpose(1, 0, 2)); // (H·W, N, 2p)
                    }
                }
            }
        }

        /** A contiguous copy on the decoder's manager. */
        private NDArray kept(NDArray a) {
            NDArray y = a.duplicate();
            y.attach(manager);
            return y;
        }

        /** The logits (N, C·K) at {@code at}; null for the visit of a complete pixel. */
        @Override
        public NDArray step(NDArray pixel, NDArray condition, Cursor at) {
            refuseLateCondition(condition);
            checkTurn(last, at, width, colours);
            if (at.row() > row) {
                nextRow(at.row());
            }
            NDManager scope = pixel.getManager();
            boolean complete = at.channel() == colours;
            boolean statesKnown = complete && at.samePixel(last) && last.channel() == colours - 1;
            last = at;
            if (complete) {
                float[] v = pixel.toFloatArray(); // n × C
                for (int i = 0; i < n; i++) {
                    System.arraycopy(v, i * colours, rowValues, (i * width + at.col()) * colours, colours);
                }
            }
            boolean logits = !complete;
            NDList skips = new NDList();
            NDArray h = pixel;
            for (int l = 0; l < layers.size(); l++) {
                h = horizontal.get(l).step(h, horizontalCondition(l, at, scope), at); // (N, p)
                if (statesKnown) {
                    return null; // the first layer has the pixel's last colour; the rest are final
                }
                if (logits && output.takes(l, layers.size())) {
                    skips.add(h.getNDArrayInternal().relu());
                }
            }
            if (!logits) {
                return null;
            }
            return outputStep.step(skips.size() == 1 ? skips.get(0) : NDArrays.concat(skips, 1), null, at); // (N, C·K)
        }

        /** The horizontal stack's condition at a pixel: the link of the row above, plus its bias; null when neither. */
        private NDArray horizontalCondition(int l, Cursor at, NDManager scope) {
            NDArray link = rowLinks[l] == null ? null : Slices.at(rowLinks[l], at.col(), scope); // (N, 2p)
            if (horizontalBias[l] == null) {
                return link;
            }
            NDArray bias = Slices.at(horizontalBias[l], at.row() * width + at.col(), scope); // (N, 2p)
            return link == null ? bias : link.add(bias);
        }

        /** Row {@code r} starts: every layer's vertical stack reads row r − 1, and its link to row r is kept. */
        private void nextRow(int r) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray v = scope.create(rowValues, new Shape(n, width, colours)); // (N, W, C): the image row r − 1
                Cursor above = new Cursor(r - 1, 0, colours);
                for (int l = 0; l < layers.size(); l++) {
                    NDArray bias = verticalBias[l] == null ? null : Slices.at(verticalBias[l], r - 1, scope); // (N, W, 2p)
                    NDArray both = vertical.get(l).step(v, bias, above); // (N, W, 3p): v_pre, then v'
                    NDArray pre = Slices.narrow(both, 2, 0, 2L * hidden); // (N, W, 2p)
                    v = Slices.narrow(both, 2, 2L * hidden, 3L * hidden); // (N, W, p): the next layer's input
                    NDArray link = links.get(l).step(pre, null, above); // (N, W, 2p)
                    NDArray byColumn = link.transpose(1, 0, 2).duplicate(); // (W, N, 2p), contiguous
                    byColumn.attach(manager);
                    rowLinks[l] = Release.after(byColumn, rowLinks[l]);
                }
            }
            row = r;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
