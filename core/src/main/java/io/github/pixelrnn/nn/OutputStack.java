package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The output end shared by every PixelRNN network (paper, Sections 3.3 and 3.5, Table 1): learnable
 * skip connections from each layer, two ReLU + 1×1 mask-B layers, and the final 1×1 mask-B
 * projection to the logits of the output distribution.
 *
 * <pre>
 *   s      = Σ_l  1×1_l(ReLU(h_l))            (skip connections; only the last layer if off)
 *   t      = 1×1(ReLU(s))                     (outMaps channels)
 *   logits = 1×1(ReLU(t))                     (C·K channels, K = values per sub-pixel)
 * </pre>
 *
 * Every 1×1 uses mask B, so on colour data the logits of colour c only see features of groups
 * &lt;= c. Use {@link #accumulate} once per layer, then {@link #finish}.
 *
 * <p>The skip biases only ever appear summed, so {@code s} is computed as Σ_l W_l·ReLU(h_l)
 * + Σ_l b_l: one broadcast addition and one reduction for their gradients instead of one per
 * layer. Each b_l is still its own parameter with its own (equal) gradient.
 *
 * <p>{@link #step} is the same stack at one position, for the incremental decoders.
 */
public final class OutputStack extends Layer {
    private final List<MaskedConv2d> skips = new ArrayList<>();
    private final MaskedConv2d hidden;
    private final MaskedConv2d logits;
    private final boolean skip;
    private final int outChannels;
    private final Layout layout;

    /**
     * @param layerChannels channels of each layer output that may feed a skip connection
     * @param skip whether every layer feeds the output (else only the last)
     * @param outMaps width of the two hidden output layers
     * @param outChannels C·K logits
     * @param groups colour groups of the data
     * @param layout the layout of the layers' maps; the logits come out in it too
     */
    public OutputStack(int[] layerChannels, boolean skip, int outMaps, int outChannels, int groups,
            Layout layout) {
        this.skip = skip;
        this.layout = layout;
        this.outChannels = outChannels;
        int first = skip ? 0 : layerChannels.length - 1;
        for (int l = first; l < layerChannels.length; l++) {
            skips.add(addChildBlock("skip" + l,
                    MaskedConv2d.pointwise(MaskType.B, layerChannels[l], outMaps, groups)));
        }
        this.hidden = addChildBlock("hidden", MaskedConv2d.pointwise(MaskType.B, outMaps, outMaps, groups));
        this.logits = addChildBlock("logits", MaskedConv2d.pointwise(MaskType.B, outMaps, outChannels, groups));
    }

    /** Whether layer {@code l} of {@code layers} feeds the output. */
    public boolean takes(int l, int layers) {
        return skip || l == layers - 1;
    }

    /**
     * Adds layer {@code l}'s contribution, without its bias, to the running skip sum
     * ({@code null} at first) and returns the new sum; the old sum is released.
     *
     * @param activated ReLU of the layer's output
     */
    public NDArray accumulate(ParameterStore ps, NDArray sum, NDArray activated, int l, int layers,
            boolean training) {
        if (!takes(l, layers)) {
            return sum;
        }
        MaskedConv2d conv = skips.get(skip ? l : 0);
        NDArray s = conv.applyUnbiased(ps, activated, layout, training);
        if (sum == null) {
            return s;
        }
        return Release.after(sum.add(s), sum, s);
    }

    /**
     * From the skip sum of all {@code layers} layers to the logits, (N, C·K, H, W) (channels-last
     * (N, H, W, C·K) in that layout). Releases {@code sum}.
     */
    public NDArray finish(ParameterStore ps, NDArray sum, int layers, boolean training) {
        NDArray s = addSkipBiases(ps, sum, layers, training);
        NDArray t = hidden.applyAfterRelu(ps, s, layout, training); // outMaps maps
        return logits.applyAfterRelu(ps, t, layout, training); // C·K maps
    }

    /**
     * {@code sum} plus the biases of the skip convolutions it holds; releases {@code sum}.
     *
     * <p>The biases are summed by pairwise additions. Not by stacking them and summing the
     * stack: the backward of that sum expands one gradient, the stack's backward hands each bias
     * a view of that same memory, and libtorch keeps those views as the biases' gradients; from
     * the second step on, zeroed and accumulated in place, every bias then gets the sum of all
     * of theirs ({@code LayoutTest} checks a second pass).
     */
    private NDArray addSkipBiases(ParameterStore ps, NDArray sum, int layers, boolean training) {
        NDArray total = null; // (outMaps); a parameter itself until a second bias is added
        boolean owned = false;
        for (int l = 0; l < layers; l++) {
            NDArray b = takes(l, layers) ? skips.get(skip ? l : 0).bias(ps, sum.getDevice(), training) : null;
            if (b == null) {
                continue;
            }
            if (total == null) {
                total = b;
                continue;
            }
            total = Release.after(total.add(b), owned ? total : null);
            owned = true;
        }
        if (total == null) {
            return sum;
        }
        NDArray broadcast = layout == Layout.CHANNELS_LAST
                ? total.reshape(1, 1, 1, -1) // (outMaps) -> (1, 1, 1, outMaps)
                : total.reshape(1, -1, 1, 1); // (outMaps) -> (1, outMaps, 1, 1)
        return Release.after(sum.add(broadcast), sum, broadcast, owned ? total : null);
    }

    /**
     * The stack's incremental form: every layer is 1×1, so it keeps no state but its weights. Its
     * input at a position is the ReLU of every layer that feeds the output, concatenated in layer
     * order, (N, Σ maps); its output the logits (N, C·K). The skip connections are then one matrix
     * product over the concatenation (Σ_l W_l·a_l = [W_0 … W_L]·[a_0; …; a_L]), not one per layer.
     */
    public Step step(ParameterStore ps, NDManager manager, int n) {
        NDList matrices = new NDList();
        NDArray total = null; // the sum of the skip biases, added once
        for (MaskedConv2d conv : skips) {
            matrices.add(conv.pointwiseWeights(ps, manager));
            NDArray b = conv.bias(ps, manager.getDevice(), false);
            if (b != null) {
                total = total == null ? b.duplicate() : Release.after(total.add(b), total);
            }
        }
        NDArray stacked = Release.after(NDArrays.concat(matrices, 1), matrices); // layers × (outMaps, in) -> (outMaps, Σ in)
        stacked.attach(manager);
        NDArray skipMatrix = stacked.transpose(); // (Σ in, outMaps), a view
        skipMatrix.attach(manager);
        if (total != null) {
            total.attach(manager);
        }
        NDArray skipBias = total;
        MaskedConv2d.Step hiddenStep = hidden.step(ps, manager, n, 1, true);
        MaskedConv2d.Step logitsStep = logits.step(ps, manager, n, 1, true);
        return (activated, condition, at) -> { // (N, Σ maps) -> (N, C·K)
            NDArray sum = activated.matMul(skipMatrix); // (N, outMaps)
            NDArray s = skipBias == null ? sum : sum.addi(skipBias);
            NDArray t = hiddenStep.step(s.getNDArrayInternal().relu(), null, at); // (N, outMaps)
            return logitsStep.step(t.getNDArrayInternal().relu(), null, at); // (N, C·K)
        };
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray r = x.getNDArrayInternal().relu();
        return Release.after(finish(ps, accumulate(ps, null, r, 0, 1, training), 1, training), r);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
