package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * Row LSTM (PixelRNN paper, Section 3.1): processes the image row by row from top to bottom,
 * computing the features of a whole row at once.
 *
 * <pre>
 *   input-to-state  K_is ⊛ x      1×k convolution along the row, mask B, whole map at once -> 4h
 *   state-to-state  K_ss ⊛ h_{i-1} 1×3 convolution along the previous row's hidden state  -> 4h
 *   [o, f, i, g] = [σ, σ, σ, tanh](K_ss ⊛ h_{i-1} + K_is ⊛ x_i);  c_i = f⊙c_{i-1} + i⊙g;  h_i = o⊙tanh(c_i)
 * </pre>
 *
 * The receptive field is a triangle above the pixel: row i−d is seen d columns to each side
 * (plus k/2 to the left through the input-to-state kernel). The initial state h_{−1}, c_{−1}
 * is learned (one value per map, the same along the row). A conditioning map (4h maps) is added
 * to the input-to-state maps.
 */
public final class RowLstm extends ConditionedLayer {
    private final int hidden;
    private final MaskedConv2d inputToState;
    private final MaskedConv2d stateToState;
    private final Parameter h0;
    private final Parameter c0;

    /**
     * @param in input maps
     * @param hidden h, the maps of the state
     * @param k width of the input-to-state kernel (3 in the paper)
     * @param groups colour groups of the data (1 or 3)
     */
    public RowLstm(int in, int hidden, int k, int groups) {
        this.hidden = hidden;
        this.inputToState = addChildBlock("inputToState",
                new MaskedConv2d(MaskType.B, in, 4 * hidden, 1, k, groups, 4, true));
        this.stateToState = addChildBlock("stateToState",
                new MaskedConv2d(null, hidden, 4 * hidden, 1, 3, groups, false));
        this.h0 = addParameter(Parameter.builder().setName("h0").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, hidden, 1, 1)).optInitializer(new ConstantInitializer(0f)).build());
        this.c0 = addParameter(Parameter.builder().setName("c0").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, hidden, 1, 1)).optInitializer(new ConstantInitializer(0f)).build());
    }

    @Override
    public int conditionChannels() {
        return 4 * hidden;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        int height = (int) s.get(2);
        long width = s.get(3);
        NDArray is = biased(inputToState.apply(ps, x, training), condition); // (N, 4h, H, W)
        NDList rows = is.split(height, 2); // H × (N, 4h, 1, W)
        is.close();
        Shape state = new Shape(n, hidden, 1, width);
        NDArray h = onBatch(ps.getValue(h0, x.getDevice(), training).broadcast(state), x); // (N, h, 1, W)
        NDArray c = onBatch(ps.getValue(c0, x.getDevice(), training).broadcast(state), x);
        // 1×3 state-to-state on the previous row: (N, h, 1, W) -> (N, 4h, 1, W)
        return LstmGates.scan(rows, h, c, prev -> stateToState.apply(ps, prev, training), hidden,
                2); // H × (N, h, 1, W) -> (N, h, H, W)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
