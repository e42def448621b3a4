package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * Diagonal BiLSTM (PixelRNN paper, Section 3.2): two {@link DiagonalLstm}s, one scanning
 * the skewed map from the left and one from the right (run on the horizontally flipped input
 * and flipped back), added together.
 *
 * <p>The right-to-left direction at (r, j) has read the pixels to the right of j in row r,
 * which lie in the future. Its output is therefore shifted <em>down</em> by one row (a zero row
 * on top, the last row dropped) before it is added: position (r, j) receives the right-to-left
 * state of (r−1, j), which only covers rows up to r−1. Shifting the other way is the classic
 * leak; the causality tests catch it.
 *
 * <p>Receptive field: the whole past, after a single layer.
 *
 * <p>A conditioning map of 8h maps holds the biases of the two directions' input-to-state
 * maps (4h each); the right-to-left half is flipped with the input.
 */
public final class DiagonalBiLstm extends ConditionedLayer {
    private final int hidden;
    private final DiagonalLstm leftToRight;
    private final DiagonalLstm rightToLeft;

    public DiagonalBiLstm(int in, int hidden, int groups) {
        this.hidden = hidden;
        this.leftToRight = addChildBlock("leftToRight", new DiagonalLstm(in, hidden, groups));
        this.rightToLeft = addChildBlock("rightToLeft", new DiagonalLstm(in, hidden, groups));
    }

    @Override
    public int conditionChannels() {
        return 8 * hidden;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        long height = x.getShape().get(2);
        NDArray leftBias = null;
        NDArray rightBias = null;
        if (condition != null) {
            leftBias = Slices.narrow(condition, 1, 0, 4L * hidden); // (N, 4h, H, W)
            NDArray r = Slices.narrow(condition, 1, 4L * hidden, 8L * hidden); // (N, 4h, H, W)
            rightBias = r.flip(3);
            r.close();
        }
        NDArray left = leftToRight.apply(ps, x, leftBias, training); // (N, h, H, W)
        NDArray flipped = x.flip(3);
        NDArray rightFlipped = rightToLeft.apply(ps, flipped, rightBias, training);
        flipped.close();
        if (condition != null) {
            leftBias.close();
            rightBias.close();
        }
        NDArray right = rightFlipped.flip(3); // (N, h, H, W), read from the right
        rightFlipped.close();
        NDArray padded = right.pad(new Shape(0, 0, 1, 0), 0); // (N, h, H+1, W): zero row on top
        right.close();
        NDArray shifted = Slices.narrow(padded, 2, 0, height); // (N, h, H, W): row r holds r−1
        padded.close();
        NDArray y = left.add(shifted);
        left.close();
        shifted.close();
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
