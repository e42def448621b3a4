package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Diagonal BiLSTM (PixelRNN paper, Section 3.2): two {@link DiagonalLstm}s, one scanning
 * the skewed map from the left and one from the right (run on the horizontally flipped input
 * and flipped back), added together. {@link #apply} runs the two in one scan.
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

    /**
     * Both directions in one scan ({@link DiagonalLstm#scan}): the left-to-right input-to-state
     * maps and the right-to-left ones of the flipped input, stacked along the batch axis, with
     * each direction's own state-to-state kernel.
     */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray condition, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long height = s.get(2);
        long width = s.get(3);
        NDArray leftBias = null;
        NDArray rightBias = null;
        if (condition != null) {
            leftBias = Slices.narrow(condition, 1, 0, 4L * hidden); // (N, 4h, H, W)
            NDArray r = Slices.narrow(condition, 1, 4L * hidden, 8L * hidden); // (N, 4h, H, W)
            rightBias = Release.after(r.flip(3), r);
        }
        NDArray flipped = x.flip(3);
        NDArray leftIs = leftToRight.inputToState(ps, x, leftBias, training); // (N, H, W, 4h)
        NDArray rightIs = rightToLeft.inputToState(ps, flipped, rightBias, training); // (N, H, W, 4h), mirrored
        // (2N, H, W, 4h)
        NDArray is = Release.after(NDArrays.concat(new NDList(leftIs, rightIs), 0), flipped, leftIs, rightIs, leftBias,
                rightBias);
        NDArray leftKernel = leftToRight.kernel(ps, x.getDevice(), training); // (2h, 4h)
        NDArray rightKernel = rightToLeft.kernel(ps, x.getDevice(), training); // (2h, 4h)
        // (2, 2h, 4h)
        NDArray kernels = Release.after(NDArrays.stack(new NDList(leftKernel, rightKernel), 0), leftKernel, rightKernel);
        NDArray columns = Release.after(DiagonalLstm.scan(is, kernels, hidden), kernels); // (W+H−1, 2N, H, h)
        NDArray states = Release.chain(columns.transpose(1, 2, 0, 3), // (2N, H, W+H−1, h), a view
                rows -> Release.after(Skew.unskewLast(rows, width), columns)); // (2N, H, W, h)
        NDArray left = Slices.narrow(states, 0, 0, n); // (N, H, W, h)
        NDArray shifted = Release.chain(Slices.narrow(states, 0, n, 2 * n), // (N, H, W, h), mirrored
                rightFlipped -> rightFlipped.flip(2), // (N, H, W, h), read from the right
                right -> right.pad(new Shape(0, 0, 0, 0, 1, 0), 0), // (N, H+1, W, h): zero row on top
                padded -> Slices.narrow(padded, 1, 0, height)); // (N, H, W, h): row r holds r−1
        NDArray sum = Release.after(left.add(shifted), left, shifted, states); // (N, H, W, h)
        return Release.after(sum.transpose(0, 3, 1, 2), sum); // (N, h, H, W), a view
    }

    @Override
    public Step step(ParameterStore ps, NDManager manager, int n, int width) {
        return new BiStep(ps, manager, n, width);
    }

    /**
     * Output at (r, j): L(r, j) + R(r−1, j), where L is the left-to-right state (from L(r−1, j)
     * and L(r, j−1)) and R the right-to-left one (from R(r−1, j) and R(r, j+1)), as in
     * {@link #apply} with its flips and its shift undone. The right-to-left direction of a row is
     * swept when the next row starts.
     */
    private final class BiStep implements Step {
        private final NDManager manager;
        private final int width;
        private final DiagonalLstm.Kernels left;
        private final DiagonalLstm.Kernels right;
        /** (W, N, 4h): K_0 · L of the row above; null in row 0. */
        private NDArray leftAbove;
        /** The left-to-right states of the current row so far, (N, h) each: a visit writes its position's. */
        private final NDArray[] leftRow;
        private final NDArray[] leftCells;
        /** The row's inputs (N, in) and right-to-left biases (N, 4h), for the sweep at its end. */
        private final NDArray[] inputs;
        private final NDArray[] rightBiases;
        /** (W, N, h): R of the row above, which the down shift adds to this row; null in row 0. */
        private NDArray rightAbove;
        private int row;

        BiStep(ParameterStore ps, NDManager manager, int n, int width) {
            this.manager = manager;
            this.width = width;
            this.left = leftToRight.kernels(ps, manager, n);
            this.right = rightToLeft.kernels(ps, manager, n);
            this.leftRow = new NDArray[width];
            this.leftCells = new NDArray[width];
            this.inputs = new NDArray[width];
            this.rightBiases = new NDArray[width];
        }

        @Override
        public NDArray step(NDArray x, NDArray condition, Cursor at) {
            while (row < at.row()) {
                nextRow(at);
            }
            int col = at.col();
            NDManager scope = x.getManager();
            NDArray pre = left.inputToState().step(x, null, at); // (N, 4h)
            if (condition != null) {
                pre = pre.add(Slices.narrow(condition, 1, 0, 4L * hidden)); // + (N, 4h)
            }
            if (leftAbove != null) {
                pre = pre.add(Slices.at(leftAbove, col, scope));
            }
            NDArray[] hc = col == 0 ? left.states(pre, null, null) : left.states(pre, leftRow[col - 1], leftCells[col - 1]);
            keep(leftRow, col, hc[0]);
            keep(leftCells, col, hc[1]);
            keep(inputs, col, x);
            keep(rightBiases, col, condition == null ? null : Slices.narrow(condition, 1, 4L * hidden, 8L * hidden));
            return rightAbove == null ? hc[0] : hc[0].add(Slices.at(rightAbove, col, scope)); // (N, h)
        }

        /** A copy of {@code a} as the position's, replacing an earlier visit's (nothing for null). */
        private void keep(NDArray[] row, int col, NDArray a) {
            Release.all(row[col]);
            row[col] = a == null ? null : a.duplicate();
            if (a != null) {
                row[col].attach(manager);
            }
        }

        /** The row is complete: sweep its right-to-left direction, and keep both directions' terms for the next. */
        private void nextRow(Cursor at) {
            NDArray nextRight;
            try (NDManager scope = manager.newSubManager()) {
                NDArray rowInputs = NDArrays.stack(new NDList(inputs), 0); // W × (N, in) -> (W, N, in)
                rowInputs.attach(scope);
                NDArray is = right.inputToState().step(rowInputs, null, at); // (W, N, 4h): a 1×1 layer, any leading axes
                if (rightBiases[0] != null) {
                    NDArray b = NDArrays.stack(new NDList(rightBiases), 0); // (W, N, 4h)
                    b.attach(scope);
                    is = is.add(b);
                }
                if (rightAbove != null) {
                    NDArray a = rightAbove.matMul(right.above()); // (W, N, h) -> (W, N, 4h): K_0 · R of the row above
                    a.attach(scope);
                    is = is.add(a);
                }
                NDArray[] states = new NDArray[width];
                NDArray[] hc = null;
                for (int j = width - 1; j >= 0; j--) {
                    NDArray pre = Slices.at(is, j, scope); // (N, 4h)
                    hc = hc == null ? right.states(pre, null, null) : right.states(pre, hc[0], hc[1]);
                    states[j] = hc[0];
                }
                nextRight = NDArrays.stack(new NDList(states), 0); // W × (N, h) -> (W, N, h)
                nextRight.attach(manager);
            }
            rightAbove = Release.after(nextRight, rightAbove);
            NDArray leftStates = NDArrays.stack(new NDList(leftRow), 0); // W × (N, h) -> (W, N, h)
            // (W, N, 4h), on the decoder's manager
            leftAbove = Release.after(leftStates.matMul(left.above()), leftStates, leftAbove);
            for (NDArray[] kept : new NDArray[][] {leftRow, leftCells, inputs, rightBiases}) {
                Release.all(kept);
                Arrays.fill(kept, null);
            }
            row++;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), hidden, s.get(2), s.get(3))};
    }
}
