package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 *
 * <p>{@link #step}, the incremental form: the left-to-right direction advances one cell per
 * pixel; the right-to-left direction of a row needs the whole row, and its output only reaches
 * the next row (through the down shift), so it is swept once, right to left, when the row is
 * complete.
 */
public final class DiagonalBiLstm extends SpatialLstm {
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
    public LayerStep step(ParameterStore ps, NDManager manager, int n, int width) {
        return new Step(ps, manager, n, width);
    }

    /**
     * Output at (r, j): L(r, j) + R(r−1, j), where L is the left-to-right state (from L(r−1, j)
     * and L(r, j−1)) and R the right-to-left one (from R(r−1, j) and R(r, j+1)), as in
     * {@link #apply} with its flips and its shift undone.
     */
    private final class Step implements LayerStep {
        private final NDManager manager;
        private final int width;
        private final DiagonalLstm.Direction left;
        private final DiagonalLstm.Direction right;
        /** (W, N, 4h): K_0 · L of the row above; null in row 0. */
        private NDArray leftAbove;
        private final NDArray[] leftRow;
        private NDArray leftCell;
        /** The row's inputs (N, in) and right-to-left biases (N, 4h), for the sweep at its end. */
        private final NDArray[] inputs;
        private final NDArray[] rightBiases;
        /** (W, N, h): R of the row above, which the down shift adds to this row; null in row 0. */
        private NDArray rightAbove;
        /** {L's h, L's c, the input, the right-to-left bias} of the last apply, and its column. */
        private NDArray[] pending;
        private int pendingCol;

        Step(ParameterStore ps, NDManager manager, int n, int width) {
            this.manager = manager;
            this.width = width;
            this.left = leftToRight.direction(ps, manager, n);
            this.right = rightToLeft.direction(ps, manager, n);
            this.leftRow = new NDArray[width];
            this.inputs = new NDArray[width];
            this.rightBiases = new NDArray[width];
        }

        @Override
        public NDArray apply(NDArray x, NDArray condition, int col) {
            NDManager scope = x.getManager();
            NDArray pre = left.inputToState(x); // (N, 4h)
            if (condition != null) {
                pre = pre.add(Slices.narrow(condition, 1, 0, 4L * hidden)); // + (N, 4h)
            }
            if (leftAbove != null) {
                pre = pre.add(Slices.at(leftAbove, col, scope));
            }
            NDArray[] hc = col == 0 ? left.cell(pre, null, null) : left.cell(pre, leftRow[col - 1], leftCell);
            pending = new NDArray[] {hc[0], hc[1], x,
                condition == null ? null : Slices.narrow(condition, 1, 4L * hidden, 8L * hidden)};
            pendingCol = col;
            return rightAbove == null ? hc[0] : hc[0].add(Slices.at(rightAbove, col, scope)); // (N, h)
        }

        @Override
        public void commit() {
            leftRow[pendingCol] = kept(pending[0]);
            if (leftCell != null) {
                leftCell.close();
            }
            leftCell = kept(pending[1]);
            inputs[pendingCol] = kept(pending[2].duplicate());
            rightBiases[pendingCol] = pending[3] == null ? null : kept(pending[3].duplicate());
            pending = null;
        }

        private NDArray kept(NDArray a) {
            a.attach(manager);
            return a;
        }

        @Override
        public void nextRow() {
            NDArray nextRight;
            try (NDManager scope = manager.newSubManager()) {
                NDArray row = NDArrays.stack(new NDList(inputs), 0); // W × (N, in) -> (W, N, in)
                row.attach(scope);
                NDArray is = right.inputToState(row); // (W, N, 4h)
                if (rightBiases[0] != null) {
                    NDArray b = NDArrays.stack(new NDList(rightBiases), 0); // (W, N, 4h)
                    b.attach(scope);
                    is = is.add(b);
                }
                if (rightAbove != null) {
                    NDArray a = right.aboveTerm(rightAbove); // (W, N, 4h)
                    a.attach(scope);
                    is = is.add(a);
                }
                NDArray[] states = new NDArray[width];
                NDArray[] hc = null;
                for (int j = width - 1; j >= 0; j--) {
                    NDArray pre = Slices.at(is, j, scope); // (N, 4h)
                    hc = hc == null ? right.cell(pre, null, null) : right.cell(pre, hc[0], hc[1]);
                    states[j] = hc[0];
                }
                nextRight = kept(NDArrays.stack(new NDList(states), 0)); // W × (N, h) -> (W, N, h)
            }
            if (rightAbove != null) {
                rightAbove.close();
            }
            rightAbove = nextRight;
            NDArray leftStates = NDArrays.stack(new NDList(leftRow), 0); // W × (N, h) -> (W, N, h)
            if (leftAbove != null) {
                leftAbove.close();
            }
            leftAbove = left.aboveTerm(leftStates); // (W, N, 4h), on the decoder's manager
            leftStates.close();
            leftCell.close();
            leftCell = null;
            for (int j = 0; j < width; j++) {
                for (NDArray[] kept : new NDArray[][] {leftRow, inputs, rightBiases}) {
                    if (kept[j] != null) {
                        kept[j].close();
                        kept[j] = null;
                    }
                }
            }
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
