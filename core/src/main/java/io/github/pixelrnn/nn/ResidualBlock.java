package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * PixelCNN residual block (PixelRNN paper, Section 3.5 and Figure 5, left):
 *
 * <pre>
 *   2h --ReLU, 1×1 mask B--> h --ReLU, k×k mask B--> h --ReLU, 1×1 mask B--> 2h  (+ input)
 * </pre>
 *
 * The addition of the input can be switched off for the paper's ablation. A conditioning map
 * (h maps) is added to the output of the k×k convolution, the block's only spatial layer.
 * The block computes on channels-last maps ({@link Layout}). {@link #step} is its incremental
 * form, one position at a time, beside {@link #applyActivated}.
 */
public final class ResidualBlock extends ConditionedLayer {
    private final MaskedConv2d down;
    private final MaskedConv2d conv;
    private final MaskedConv2d up;
    private final boolean residual;
    private final int channels;

    public ResidualBlock(int h, int kernel, int groups, boolean residual) {
        this.channels = 2 * h;
        this.residual = residual;
        this.down = addChildBlock("down", MaskedConv2d.pointwise(MaskType.B, 2 * h, h, groups));
        this.conv = addChildBlock("conv", new MaskedConv2d(MaskType.B, h, h, kernel, kernel, groups, true));
        this.up = addChildBlock("up", MaskedConv2d.pointwise(MaskType.B, h, 2 * h, groups));
    }

    @Override
    public int conditionChannels() {
        return channels / 2;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        NDArray last = Layout.CHANNELS_LAST.fromChannelsFirst(x); // (N, H, W, 2h)
        NDArray a = last.getNDArrayInternal().relu();
        NDArray c = condition == null ? null : Layout.CHANNELS_LAST.fromChannelsFirst(condition); // (N, H, W, h)
        NDArray y = Release.after(applyActivated(ps, last, a, c, training), a, last, c); // (N, H, W, 2h)
        return Release.after(Layout.CHANNELS_LAST.toChannelsFirst(y), y); // (N, 2h, H, W)
    }

    /**
     * The block on channels-last maps ({@link Layout}), given its input {@code x} and
     * {@code relu(x)}, which the caller has computed anyway for the skip connection (sharing it
     * saves one ReLU forward and backward per layer).
     *
     * @param x (N, H, W, 2h)
     * @param condition (N, H, W, h) bias of the k×k convolution's output, or null
     * @return (N, H, W, 2h)
     */
    public NDArray applyActivated(ParameterStore ps, NDArray x, NDArray reluX, NDArray condition,
            boolean training) {
        Layout last = Layout.CHANNELS_LAST;
        NDArray b = down.apply(ps, reluX, last, training); // (N, H, W, h)
        NDArray d = biased(conv.applyAfterRelu(ps, b, last, training), condition); // (N, H, W, h)
        NDArray f = up.applyAfterRelu(ps, d, last, training); // (N, H, W, 2h)
        if (!residual) {
            return f;
        }
        return Release.after(f.add(x), f); // (N, H, W, 2h)
    }

    /**
     * The block's branch, one position at a time, as {@link #applyActivated} computes it: from
     * the ReLU of the block's input, which the network computes anyway for the skip connection,
     * to the branch's output (N, 2h), to which the network adds the input when the block is
     * residual. Only the k×k convolution keeps a window (its rows above).
     */
    public Step branchStep(ParameterStore ps, NDManager manager, int n, int width) {
        MaskedConv2d.Step downStep = down.step(ps, manager, n, width, true);
        MaskedConv2d.Step convStep = conv.step(ps, manager, n, width, true);
        MaskedConv2d.Step upStep = up.step(ps, manager, n, width, true);
        return (reluX, condition, at) -> { // ReLU(x) (N, 2h), condition (N, h): the bias of the k×k convolution
            NDArray b = downStep.step(reluX, null, at); // (N, h)
            NDArray d = convStep.step(b.getNDArrayInternal().relu(), condition, at); // (N, h)
            return upStep.step(d.getNDArrayInternal().relu(), null, at); // (N, 2h)
        };
    }

    /** Whether the block adds its input to its branch. */
    public boolean residual() {
        return residual;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), channels, s.get(2), s.get(3))};
    }
}
