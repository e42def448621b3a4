package io.github.pixelrnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.Arrays;

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
 *
 * <p>{@link #step} is the same recurrence one pixel at a time: the state-to-state term of a row
 * is computed once, when the row above is complete; each pixel adds its input-to-state taps and
 * runs the gates with the cell state above it.
 */
public final class RowLstm extends SpatialLstm {
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
        NDList rows = Release.after(is.split(height, 2), is); // H × (N, 4h, 1, W)
        Shape state = new Shape(n, hidden, 1, width);
        NDArray h = onBatch(ps.getValue(h0, x.getDevice(), training).broadcast(state), x); // (N, h, 1, W)
        NDArray c = onBatch(ps.getValue(c0, x.getDevice(), training).broadcast(state), x);
        // 1×3 state-to-state on the previous row: (N, h, 1, W) -> (N, 4h, 1, W)
        return LstmGates.scan(rows, h, c, prev -> stateToState.apply(ps, prev, training), hidden,
                2); // H × (N, h, 1, W) -> (N, h, H, W)
    }

    @Override
    public Step step(ParameterStore ps, NDManager manager, int n, int width) {
        return new RowStep(ps, manager, n, width);
    }

    /**
     * The incremental Row LSTM: per pixel (y, x), pre = K_is ⊛ x (the 1×k window of the current
     * row) + (K_ss ⊛ h_{y−1})[x], then the gates with c_{y−1}[x]. The state-to-state convolution
     * runs once per row, when the next row starts; the initial state is the learned h_{−1}, c_{−1}.
     */
    private final class RowStep implements Step {
        private final ParameterStore ps;
        private final NDManager manager;
        private final int width;
        private final MaskedConv2d.Step inputToStateStep;
        /** (W, N, 4h): K_ss ⊛ h of the row above, column-major for one lookup per pixel. */
        private NDArray stateAbove;
        /** (W, N, h): the cell state of the row above. */
        private NDArray cellAbove;
        /** The states of the current row so far, (N, h) each: a visit writes its position's. */
        private final NDArray[] hiddenRow;
        private final NDArray[] cellRow;
        private int row;

        RowStep(ParameterStore ps, NDManager manager, int n, int width) {
            this.ps = ps;
            this.manager = manager;
            this.width = width;
            this.inputToStateStep = inputToState.step(ps, manager, n, width, true);
            this.hiddenRow = new NDArray[width];
            this.cellRow = new NDArray[width];
            Shape rowState = new Shape(n, hidden, 1, width);
            NDArray h = ps.getValue(h0, manager.getDevice(), false).broadcast(rowState); // (N, h, 1, W)
            NDArray c = ps.getValue(c0, manager.getDevice(), false).broadcast(rowState); // (N, h, 1, W)
            h.attach(manager);
            c.attach(manager);
            this.stateAbove = rowAbove(h, 4 * hidden, true);
            this.cellAbove = Release.after(rowAbove(c, hidden, false), h, c);
        }

        /** A row map (N, maps, 1, W) as (W, N, maps), after the state-to-state convolution if asked. */
        private NDArray rowAbove(NDArray rowMap, int maps, boolean stateToStateTerm) {
            NDArray term = stateToStateTerm ? stateToState.apply(ps, rowMap, false) : rowMap; // (N, maps, 1, W)
            NDArray y = Release.chain(term.reshape(rowMap.getShape().get(0), maps, width), // (N, maps, W)
                    flat -> flat.transpose(2, 0, 1), // (W, N, maps), a view
                    NDArray::duplicate); // contiguous
            return Release.after(y, term != rowMap ? term : null);
        }

        @Override
        public NDArray step(NDArray x, NDArray condition, Cursor at) {
            while (row < at.row()) {
                nextRow();
            }
            NDArray is = inputToStateStep.step(x, condition, at); // (N, 4h)
            NDArray pre = is.add(Slices.at(stateAbove, at.col(), x.getManager())); // (N, 4h)
            NDArray[] hc = LstmGates.step(pre, Slices.at(cellAbove, at.col(), x.getManager()), hidden); // (N, h) each
            keep(hiddenRow, at.col(), hc[0]);
            keep(cellRow, at.col(), hc[1]);
            return hc[0];
        }

        /** A copy of {@code state} as the position's, replacing an earlier visit's. */
        private void keep(NDArray[] states, int col, NDArray state) {
            Release.all(states[col]);
            states[col] = state.duplicate();
            states[col].attach(manager);
        }

        /** The current row is complete: its states become the row above. */
        private void nextRow() {
            NDArray h = NDArrays.stack(new NDList(hiddenRow), 2); // W × (N, h) -> (N, h, W)
            NDArray c = NDArrays.stack(new NDList(cellRow), 0); // W × (N, h) -> (W, N, h)
            NDArray map = h.reshape(h.getShape().get(0), hidden, 1, width); // (N, h, 1, W)
            Release.all(stateAbove, cellAbove);
            stateAbove = Release.after(rowAbove(map, 4 * hidden, true), h, map);
            cellAbove = c;
            for (NDArray[] states : new NDArray[][] {hiddenRow, cellRow}) {
                Release.all(states);
                Arrays.fill(states, null);
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
