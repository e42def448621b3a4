package io.github.pixelrnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.pixelrnn.nn.Layer;
import io.github.pixelrnn.nn.MaskType;
import io.github.pixelrnn.nn.MaskedConv2d;
import io.github.pixelrnn.nn.OutputStack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

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
 */
public final class SpatialLstmNet extends Layer {
    private final MaskedConv2d first;
    private final List<Layer> lstms = new ArrayList<>();
    private final List<MaskedConv2d> projections = new ArrayList<>();
    private final OutputStack output;
    private final boolean residual;
    private final int outChannels;

    /**
     * @param c the configuration
     * @param lstm builds one LSTM layer from 2h input maps to h state maps, given its index
     */
    public SpatialLstmNet(ModelConfig c, IntFunction<Layer> lstm) {
        int twoH = 2 * c.hidden();
        this.residual = c.residual();
        this.outChannels = c.channels() * c.valuesPerSubPixel();
        this.first = addChildBlock("first", PaperLayers.inputLayer(c));
        for (int l = 0; l < c.layers(); l++) {
            lstms.add(addChildBlock("lstm" + l, lstm.apply(l)));
            projections.add(addChildBlock("proj" + l,
                    MaskedConv2d.pointwise(MaskType.B, c.hidden(), twoH, c.channels())));
        }
        this.output = addChildBlock("output", PaperLayers.outputStack(c));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        int layers = lstms.size() + 1;
        NDArray h = first.apply(ps, x, training); // (N, 2h, H, W)
        NDArray sum = skip(ps, null, h, 0, layers, training);
        for (int l = 0; l < lstms.size(); l++) {
            NDArray state = lstms.get(l).apply(ps, h, training); // (N, h, H, W)
            NDArray next = projections.get(l).apply(ps, state, training); // (N, 2h, H, W)
            state.close();
            if (residual) {
                NDArray added = next.add(h);
                next.close();
                next = added;
            }
            h.close();
            h = next;
            sum = skip(ps, sum, h, l + 1, layers, training);
        }
        h.close();
        return output.finish(ps, sum, training); // (N, C·K, H, W)
    }

    private NDArray skip(ParameterStore ps, NDArray sum, NDArray h, int l, int layers, boolean training) {
        if (!output.takes(l, layers)) {
            return sum;
        }
        NDArray r = h.getNDArrayInternal().relu();
        NDArray s = output.accumulate(ps, sum, r, l, layers, training);
        r.close();
        return s;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
