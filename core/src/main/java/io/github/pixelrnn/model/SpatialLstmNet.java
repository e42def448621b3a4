package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.Release;
import io.github.pixelrnn.nn.Slices;
import io.github.pixelrnn.nn.SpatialLstm;
import io.github.pixelrnn.nn.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * PixelRNN with spatial LSTM layers (paper, Sections 3.1–3.3 and 3.5, Table 1):
 *
 * <pre>
 *   x (C) --7×7 mask A--> 2h --[LSTM(h) -> 1×1 mask B -> 2h, + input] × layers--> 2h
 *        every layer --skip--> output stack --> logits (C·K)
 * </pre>
 *
 * The LSTM layer is a Row LSTM or a Diagonal BiLSTM; residual and skip connections can be
 * switched off for the paper's ablation (Table 2).
 *
 * <p>As the conditional network of a Multi-scale PixelRNN (Section 3.6) it takes c conditioning
 * maps; a 1×1 convolution of them biases the first layer's output and every LSTM layer's
 * input-to-state maps.
 */
public final class SpatialLstmNet extends PaperNetwork {
    private final List<SpatialLstm> lstms = new ArrayList<>();
    private final List<MaskedConv2d> projections = new ArrayList<>();
    private final boolean residual;

    /**
     * @param image the images it models
     * @param c its settings (a Row LSTM's or a Diagonal BiLSTM's)
     * @param lstm builds one LSTM layer from 2h input maps to h state maps, given its index
     * @param conditionMaps c, the conditioning maps it takes (0: an unconditional network)
     */
    public SpatialLstmNet(ImageShape image, PaperLayers c, IntFunction<SpatialLstm> lstm, int conditionMaps) {
        super(image, c, conditionMaps);
        this.residual = c.residual();
        int[] widths = new int[c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            SpatialLstm layer = lstm.apply(l);
            lstms.add(addChildBlock("lstm" + l, layer));
            widths[l] = layer.conditionChannels();
            projections.add(addChildBlock("proj" + l,
                    MaskedConv2d.pointwise(MaskType.B, c.hidden(), 2 * c.hidden(), image.channels())));
        }
        addOutput(c, widths);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        int layers = lstms.size() + 1;
        List<NDArray> bias = biases(ps, condition, layers, training);
        NDArray h = biased(first.apply(ps, x, training), bias.get(0)); // (N, 2h, H, W)
        NDArray sum = skip(ps, null, h, 0, layers, training);
        for (int l = 0; l < lstms.size(); l++) {
            // Released by hand, at once: with this loop and the LSTM layers in scopes instead, the
            // rowlstm-mnist forward pass was 1.14x slower (docs/design.md).
            NDArray state = lstms.get(l).apply(ps, h, bias.get(l + 1), training); // (N, h, H, W)
            NDArray next = Release.after(projections.get(l).apply(ps, state, training), state); // (N, 2h, H, W)
            h = Release.after(residual ? Release.after(next.add(h), next) : next, h);
            sum = skip(ps, sum, h, l + 1, layers, training);
        }
        return output.finish(ps, sum, layers, training); // (N, C·K, H, W)
    }

    @Override
    protected Step hiddenStep(ParameterStore ps, NDManager manager, int n, int width, Predicate<Step.Cursor> wanted) {
        List<Step> lstmSteps = new ArrayList<>();
        List<Step> projectionSteps = new ArrayList<>();
        for (int l = 0; l < lstms.size(); l++) {
            lstmSteps.add(lstms.get(l).step(ps, manager, n, width));
            projectionSteps.add(projections.get(l).step(ps, manager, n, width, true));
        }
        return (h, condition, at) -> {
            boolean logits = wanted.test(at);
            NDList skips = new NDList();
            if (logits && feedsOutput(0)) {
                skips.add(h.getNDArrayInternal().relu());
            }
            long offset = 0;
            for (int l = 0; l < lstmSteps.size(); l++) {
                NDArray bias = null;
                if (condition != null) {
                    long w = lstms.get(l).conditionChannels();
                    bias = Slices.narrow(condition, 1, offset, offset + w); // (N, w): this layer's
                    offset += w;
                }
                NDArray state = lstmSteps.get(l).step(h, bias, at); // (N, h)
                NDArray next = projectionSteps.get(l).step(state, null, at); // (N, 2h)
                h = residual ? next.add(h) : next;
                if (logits && feedsOutput(l + 1)) {
                    skips.add(h.getNDArrayInternal().relu());
                }
            }
            return logits ? skipInput(skips) : h;
        };
    }

    private NDArray skip(ParameterStore ps, NDArray sum, NDArray h, int l, int layers, boolean training) {
        if (!output.takes(l, layers)) {
            return sum;
        }
        NDArray r = h.getNDArrayInternal().relu();
        return Release.after(output.accumulate(ps, sum, r, l, layers, training), r);
    }
}
