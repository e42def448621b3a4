package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * One direction of the Diagonal BiLSTM (PixelRNN paper, Section 3.2): an LSTM that runs over
 * the columns of the skewed map, left to right.
 *
 * <pre>
 *   input-to-state  1×1 convolution, mask B -> 4h (computed for the whole map, then skewed)
 *   state-to-state  2×1 convolution along the column over the previous column's state:
 *                   pre[r] += K_0 · h_{c−1}[r−1] + K_1 · h_{c−1}[r]
 * </pre>
 *
 * In image coordinates the state at (r, j) thus reads the states at (r−1, j) and (r, j−1):
 * everything above and to the left is in its receptive field.
 */
final class DiagonalLstm extends Layer {
    private final int hidden;
    private final MaskedConv2d inputToState;
    private final Parameter stateToState;

    DiagonalLstm(int in, int hidden, int groups) {
        this.hidden = hidden;
        this.inputToState = addChildBlock("inputToState",
                new MaskedConv2d(MaskType.B, in, 4 * hidden, 1, 1, groups, 4, true));
        this.stateToState = addParameter(Parameter.builder().setName("stateToState")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(4L * hidden, hidden, 2, 1))
                .optInitializer(new FanInUniform(2L * hidden)).build());
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return apply(ps, x, null, training);
    }

    /** The forward pass with {@code bias} (N, 4h, H, W) added to the input-to-state maps, or null. */
    NDArray apply(ParameterStore ps, NDArray x, NDArray bias, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long height = s.get(2);
        long width = s.get(3);
        NDArray is = ConditionedLayer.biased(inputToState.apply(ps, x, training), bias); // (N, 4h, H, W)
        NDArray skewed = Skew.skew(is); // (N, 4h, H, W+H−1)
        is.close();
        int columns = (int) (width + height - 1);
        NDList cols = skewed.split(columns, 3); // columns × (N, 4h, H, 1)
        skewed.close();
        NDArray kss = ps.getValue(stateToState, x.getDevice(), training);
        NDArray h = x.getManager().zeros(new Shape(n, hidden, height, 1));
        NDArray c = x.getManager().zeros(new Shape(n, hidden, height, 1));
        NDArray states = LstmGates.scan(cols, h, c, prev -> {
            // Padding one row on top and keeping the first H rows: row r sees rows r−1 and r.
            NDArray full = prev.getNDArrayInternal()
                    .convolution(prev, kss, null, new Shape(1, 1), new Shape(1, 0), new Shape(1, 1), 1)
                    .singletonOrThrow(); // (N, 4h, H+1, 1)
            NDArray ss = Slices.narrow(full, 2, 0, height); // (N, 4h, H, 1)
            full.close();
            return ss;
        }, hidden, 3); // columns × (N, h, H, 1) -> (N, h, H, W+H−1)
        NDArray y = Skew.unskew(states, width); // (N, h, H, W)
        states.close();
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
