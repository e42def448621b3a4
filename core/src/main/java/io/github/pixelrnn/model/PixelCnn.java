package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Layout;
import io.github.pixelrnn.nn.ResidualBlock;
import io.github.pixelrnn.nn.Scope;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * PixelCNN (PixelRNN paper, Sections 3.4 and 3.5, Table 1):
 *
 * <pre>
 *   x (C) --7×7 mask A--> 2h --[residual block: 1×1, 3×3 mask B, 1×1] × layers--> 2h
 *        every layer --skip--> output stack --> logits (C·K)
 * </pre>
 *
 * The receptive field is bounded and has the blind spot above-right of each pixel that the
 * stacked masked kernels cannot reach; {@code BlindSpotTest} documents it.
 *
 * <p>Its maps are channels-last inside ({@link Layout}); input and logits are channels-first.
 *
 * <p>As the conditional network of a Multi-scale PixelRNN it takes c conditioning maps, and a
 * 1×1 convolution of them biases the first layer's output and every block's k×k convolution.
 */
public final class PixelCnn extends PaperNetwork {
    private final List<ResidualBlock> blocks = new ArrayList<>();

    /**
     * @param image the images it models
     * @param c its settings
     * @param conditionMaps c, the conditioning maps it takes (0: an unconditional network)
     */
    public PixelCnn(ImageShape image, PixelCnnConfig c, int conditionMaps) {
        super(image, c, conditionMaps);
        int[] widths = new int[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            ResidualBlock block = new ResidualBlock(c.hidden(), c.kernel(), image.channels(), c.residual());
            blocks.add(addChildBlock("block" + l, block));
            widths[l] = block.conditionChannels();
        }
        addOutput(c, widths, Layout.CHANNELS_LAST);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        Layout last = Layout.CHANNELS_LAST;
        int layers = blocks.size() + 1;
        List<NDArray> bias = biases(ps, condition, layers, last, training); // (N, H, W, w) each
        NDArray input = last.fromChannelsFirst(x); // (N, H, W, C)
        NDArray h = biased(first.apply(ps, input, last, training), bias.get(0)); // (N, H, W, 2h)
        NDArray r = h.getNDArrayInternal().relu(); // shared by the skip and the next block
        NDArray sum = output.accumulate(ps, null, r, 0, layers, training);
        for (int l = 0; l < blocks.size(); l++) {
            try (Scope block = Scope.open()) { // the block's maps go as soon as the next block has read them
                block.adopt(h, r, sum);
                h = block.keep(blocks.get(l).applyActivated(ps, h, r, bias.get(l + 1), training)); // (N, H, W, 2h)
                r = block.keep(h.getNDArrayInternal().relu());
                sum = block.keep(output.accumulate(ps, sum, r, l + 1, layers, training));
            }
        }
        NDArray logits = output.finish(ps, sum, layers, training); // (N, H, W, C·K)
        return last.toChannelsFirst(logits); // (N, C·K, H, W), a view
    }

    @Override
    protected Step hiddenStep(ParameterStore ps, NDManager manager, int n, int width, Predicate<Step.Cursor> wanted) {
        List<Step> steps = new ArrayList<>();
        for (ResidualBlock b : blocks) {
            steps.add(b.branchStep(ps, manager, n, width));
        }
        return (h, condition, at) -> {
            boolean logits = wanted.test(at);
            NDList skips = new NDList();
            NDArray r = h.getNDArrayInternal().relu(); // shared by the skip and the next block, as in apply
            long offset = 0;
            for (int l = 0; l <= steps.size(); l++) {
                if (logits && feedsOutput(l)) {
                    skips.add(r);
                }
                if (l < steps.size()) {
                    NDArray bias = null;
                    if (condition != null) {
                        long w = blocks.get(l).conditionChannels();
                        bias = Slices.narrow(condition, 1, offset, offset + w); // (N, h): this block's
                        offset += w;
                    }
                    NDArray f = steps.get(l).step(r, bias, at); // (N, 2h): the block's branch
                    h = blocks.get(l).residual() ? f.add(h) : f;
                    r = logits || l + 1 < steps.size() ? h.getNDArrayInternal().relu() : null;
                }
            }
            return logits ? skipInput(skips) : h;
        };
    }
}
